import tensorflow as tf

from keras_gans.distribute import global_batch_mean
from keras_gans.losses.base import GANLoss, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("ragan")
class RelativisticAverageLoss(GANLoss):
    """The relativistic average loss, RaGAN (Jolicoeur-Martineau 2019, "The relativistic discriminator",
    RaSGAN, eq. 10-11 / Algorithm 2).

    D compares each sample with the average logit of the other kind: with mean_r, mean_f the means of
    D(real) and D(fake) over the *global* batch (all-reduced across replicas, so 1 and N replicas agree),
    D minimises softplus(-(r_i - mean_f)) + softplus(f_i - mean_r) and G the same with the roles swapped,
    softplus(-(f_i - mean_r)) + softplus(r_i - mean_f): G gets a gradient through the real samples' term too.

    Returns:
        per-example losses, float32 ``[batch]`` (``discriminator_loss(real_logits, fake_logits)``, ``generator_loss(fake_logits, real_logits=None)``).

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"loss.name": "ragan"})
    """

    decision_threshold = None
    needs_real_logits = True

    def _relative(self, real_logits, fake_logits):
        r, f = flat_logits(real_logits), flat_logits(fake_logits)
        return r - global_batch_mean(f), f - global_batch_mean(r)

    def discriminator_loss(self, real_logits, fake_logits):
        real_vs_fake, fake_vs_real = self._relative(real_logits, fake_logits)
        return tf.nn.softplus(-real_vs_fake) + tf.nn.softplus(fake_vs_real)

    def generator_loss(self, fake_logits, real_logits=None):
        if real_logits is None:
            raise ValueError("the relativistic average loss needs D's logits of the real batch for G's loss.")
        real_vs_fake, fake_vs_real = self._relative(real_logits, fake_logits)
        return tf.nn.softplus(-fake_vs_real) + tf.nn.softplus(real_vs_fake)
