import tensorflow as tf

from keras_gans.losses.base import GANLoss, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("wasserstein")
class WassersteinLoss(GANLoss):
    """Wasserstein-1 critic loss (Arjovsky et al. 2017, Eq. 3; Gulrajani et al. 2017, Eq. 3).

    The critic minimises D(G(z)) - D(x); G minimises -D(G(z)). The critic must be kept (close to)
    1-Lipschitz: by weight clipping (``keras_gans.models.WGAN``) or by the gradient penalty
    (``keras_gans.regularizers.GradientPenalty``). Logs the estimate E[D(x)] - E[D(G(z))].

    ``drift`` (epsilon_drift, Karras et al. 2018, App. A.1: 0.001) adds drift * D(x)^2 to the critic's
    loss, which keeps its outputs near 0 without changing the game.

    Args:
        drift: weight of drift * D(x)^2 in the critic's loss (0.001 in progressive GANs).

    Returns:
        per-example losses, float32 ``[batch]`` (``discriminator_loss(real_logits, fake_logits)``, ``generator_loss(fake_logits, real_logits=None)``).

    Example:
        >>> loss = keras_gans.losses.get_loss({"name": "wasserstein", "drift": 0.001})
    """

    decision_threshold = None

    def __init__(self, drift=0.0):
        self.drift = float(drift)
        if self.drift < 0.0:
            raise ValueError(f"drift must be >= 0 (0.001 in the paper), got {drift}.")

    def discriminator_loss(self, real_logits, fake_logits):
        real = flat_logits(real_logits)
        loss = flat_logits(fake_logits) - real
        return loss + self.drift * tf.square(real) if self.drift else loss

    def generator_loss(self, fake_logits, real_logits=None):
        return -flat_logits(fake_logits)

    def extra_metrics(self, real_logits, fake_logits):
        return {"wasserstein_estimate": flat_logits(real_logits) - flat_logits(fake_logits)}

    def get_config(self):
        return {"drift": self.drift} if self.drift else {}
