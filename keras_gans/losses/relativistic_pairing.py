import tensorflow as tf

from keras_gans.losses.base import GANLoss, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("rpgan")
class RelativisticPairingLoss(GANLoss):
    """The relativistic pairing loss, RpGAN (Jolicoeur-Martineau 2019, "The relativistic discriminator", the
    RSGAN of eq. 6-7; Sun et al. 2020, "Towards a Better Global Loss Landscape of GANs", eq. 4; the loss of
    R3GAN, Huang et al. 2024, eq. 2).

    Each fake is paired with the real sample of the same row: D minimises f(D(fake_i) - D(real_i)) and G
    minimises f(D(real_i) - D(fake_i)), with f = softplus (f(t) = -log sigmoid(-t)). D judges which of a pair
    is the more realistic instead of each sample alone, which removes the bad basins of the per-sample
    loss (Sun et al.: every basin of RpGAN's landscape is global). The pairs are rows of the same replica's
    batches, so the loss needs no communication between replicas. G's loss needs D(real)
    (``needs_real_logits``); D's accuracy is not defined for a relative judgement (no decision threshold).

    Returns:
        per-example losses, float32 ``[batch]`` (``discriminator_loss(real_logits, fake_logits)``, ``generator_loss(fake_logits, real_logits=None)``).

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"loss.name": "rpgan", "regularizers.r1.weight": 1.0})
    """

    decision_threshold = None
    needs_real_logits = True

    def discriminator_loss(self, real_logits, fake_logits):
        return tf.nn.softplus(flat_logits(fake_logits) - flat_logits(real_logits))

    def generator_loss(self, fake_logits, real_logits=None):
        if real_logits is None:
            raise ValueError("the relativistic pairing loss needs D's logits of the real batch for G's loss.")
        return tf.nn.softplus(flat_logits(real_logits) - flat_logits(fake_logits))
