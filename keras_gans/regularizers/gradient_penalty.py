import tensorflow as tf

from keras_gans.distribute import global_uniform
from keras_gans.regularizers.base import Regularizer, register_regularizer
from keras_gans.regularizers.gradient_norm import input_gradient_sq_norm


@register_regularizer("gradient_penalty")
class GradientPenalty(Regularizer):
    """The WGAN-GP two-sided gradient penalty (Gulrajani et al. 2017, Eq. 3 and Algorithm 1).

    lambda * (||grad_x D(x_hat)||_2 - 1)^2 with x_hat = eps * x + (1 - eps) * G(z), eps ~ U[0, 1]
    drawn once per sample. Default lambda = 10 (the paper's). ``target`` is the norm the gradient is
    pulled to (1 in the paper).

    Args:
        weight: the penalty's weight (>= 0).
        target: the gradient norm the penalty pulls towards (1: WGAN-GP).
        every: lazy regularisation: computed every ``every``-th D step, times ``every``.

    Returns:
        the weighted per-example penalty, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("wgan_gp", **{"regularizers.gradient_penalty.weight": 10.0})
    """

    def __init__(self, weight=10.0, target=1.0, every=1):
        super().__init__(weight, every)
        self.target = self.number(target, "target", low=0.0)

    def __call__(self, discriminator, real, fake, seed):
        real = tf.cast(real, tf.float32)
        eps_shape = tf.concat([tf.shape(real)[:1], tf.ones([tf.rank(real) - 1], tf.int32)], 0)
        eps = global_uniform(eps_shape, seed)  # one weight per sample, drawn for the global batch
        x_hat = eps * real + (1.0 - eps) * tf.cast(fake, tf.float32)
        norm = tf.sqrt(input_gradient_sq_norm(discriminator, x_hat) + 1e-12)
        return self.weight * tf.square(norm - self.target)
