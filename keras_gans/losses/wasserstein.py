from keras_gans.losses.base import GANLoss, flat_logits, register_loss


@register_loss("wasserstein")
class WassersteinLoss(GANLoss):
    """Wasserstein-1 critic loss (Arjovsky et al. 2017, Eq. 3; Gulrajani et al. 2017, Eq. 3).

    The critic minimises D(G(z)) - D(x); G minimises -D(G(z)). The critic must be kept (close to)
    1-Lipschitz: by weight clipping (``keras_gans.models.WGAN``) or by the gradient penalty
    (``keras_gans.regularizers.GradientPenalty``). Logs the estimate E[D(x)] - E[D(G(z))].
    """

    decision_threshold = None

    def discriminator_loss(self, real_logits, fake_logits):
        return flat_logits(fake_logits) - flat_logits(real_logits)

    def generator_loss(self, fake_logits, real_logits=None):
        return -flat_logits(fake_logits)

    def extra_metrics(self, real_logits, fake_logits):
        return {"wasserstein_estimate": flat_logits(real_logits) - flat_logits(fake_logits)}
