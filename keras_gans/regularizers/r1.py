from keras_gans.regularizers.base import Regularizer, register_regularizer
from keras_gans.regularizers.gradient_norm import input_gradient_sq_norm


@register_regularizer("r1")
class R1Penalty(Regularizer):
    """R1 (Mescheder et al. 2018, "Which Training Methods for GANs do actually Converge?", eq. 9):
    gamma / 2 * ||grad_x D(x)||^2 on real data only, which makes the Dirac-GAN and realistic games
    locally convergent. ``weight`` is gamma (StyleGAN2 uses 10 at 1024^2, less for small images); lazy
    application every ``every`` D steps (StyleGAN2, Karras et al. 2020, sec. 3.1) is set on the base
    class.

    Args:
        weight: gamma (>= 0).
        every: lazy regularisation: computed every ``every``-th D step, times ``every``.

    Returns:
        the weighted per-example penalty, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"regularizers.r1.weight": 1.0, "regularizers.r1.every": 16})
    """

    def __init__(self, weight=10.0, every=1):
        super().__init__(weight, every)

    def __call__(self, discriminator, real, fake, seed):
        return 0.5 * self.weight * input_gradient_sq_norm(discriminator, real)
