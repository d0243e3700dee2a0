import tensorflow as tf

from keras_gans.losses.base import GANLoss, LabelSmoothing, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("minimax")
class MinimaxLoss(LabelSmoothing, GANLoss):
    """The original, saturating minimax game (Goodfellow et al. 2014, Eq. 1).

    D minimises -log D(x) - log(1 - D(G(z))); G minimises log(1 - D(G(z))) = -softplus(f), whose
    gradient vanishes when D confidently rejects fakes (the reason for the non-saturating variant).
    Written with softplus on logits for numerical stability. ``real_label`` / ``fake_label``: label
    smoothing of D's targets (``LabelSmoothing``).

    Args:
        real_label: D's cross-entropy target on real samples.
        fake_label: D's target on fakes.

    Returns:
        ``discriminator_loss`` and ``generator_loss`` give float32 ``[batch]`` losses; G's is log(1 - D(G(z))).

    Example:
        >>> loss = keras_gans.losses.get_loss({"name": "minimax", "real_label": 0.9})
    """

    def discriminator_loss(self, real_logits, fake_logits):
        return self.smoothed_discriminator_loss(real_logits, fake_logits)

    def generator_loss(self, fake_logits, real_logits=None):
        return -tf.nn.softplus(flat_logits(fake_logits))
