import tensorflow as tf

from keras_gans.losses.base import GANLoss, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("hinge")
class HingeLoss(GANLoss):
    """Hinge loss (Lim & Ye 2017, Geometric GAN; Miyato et al. 2018, Eq. 16 and 17).

    D: max(0, 1 - D(x)) + max(0, 1 + D(G(z))); G: -D(G(z)).

    Returns:
        per-example losses, float32 ``[batch]`` (``discriminator_loss(real_logits, fake_logits)``, ``generator_loss(fake_logits, real_logits=None)``).

    Example:
        >>> loss = keras_gans.losses.get_loss("hinge")
        >>> loss.discriminator_loss(real_logits, fake_logits)
    """

    def discriminator_loss(self, real_logits, fake_logits):
        return tf.nn.relu(1.0 - flat_logits(real_logits)) + tf.nn.relu(1.0 + flat_logits(fake_logits))

    def generator_loss(self, fake_logits, real_logits=None):
        return -flat_logits(fake_logits)
