from keras_gans.regularizers.base import Regularizer, register_regularizer
from keras_gans.regularizers.gradient_norm import input_gradient_sq_norm


@register_regularizer("r2")
class R2Penalty(Regularizer):
    """R2 (Mescheder et al. 2018, eq. 10): gamma / 2 * ||grad_x D(x)||^2 on generated samples.

    Args:
        weight: gamma of the penalty on generated samples (>= 0).
        every: computed on every ``every``-th D step only (lazy), then multiplied by ``every``.

    Returns:
        gamma / 2 ||grad D(G(z))||^2 per generated sample, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"regularizers.r2.weight": 1.0})
    """

    judges = "fake"  # D is conditioned on the labels drawn for the fakes

    def __init__(self, weight=10.0, every=1):
        super().__init__(weight, every)

    def __call__(self, discriminator, real, fake, seed):
        return 0.5 * self.weight * input_gradient_sq_norm(discriminator, fake)
