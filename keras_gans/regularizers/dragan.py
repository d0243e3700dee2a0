import tensorflow as tf

from keras_gans.distribute import global_std, global_uniform
from keras_gans.regularizers.base import Regularizer, register_regularizer
from keras_gans.regularizers.gradient_norm import input_gradient_sq_norm


@register_regularizer("dragan")
class DRAGANPenalty(Regularizer):
    """DRAGAN (Kodali et al. 2017, "On Convergence and Stability of GANs", eq. 4 and Algorithm 1):
    lambda * (||grad_x D(x + delta)|| - 1)^2 at points perturbed around the real data,
    delta = c * std(x) * u with u ~ U[0, 1] per element (the reference code's perturbation; c = 0.5),
    which penalises sharp D gradients around the data manifold, where mode collapse starts.

    Args:
        weight: the penalty's weight (>= 0).
        scale: the perturbation's scale, times the batch's standard deviation (> 0).
        every: lazy regularisation: computed every ``every``-th D step, times ``every``.

    Returns:
        the weighted per-example penalty, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"regularizers.dragan.weight": 10.0})
    """

    def __init__(self, weight=10.0, scale=0.5, every=1):
        super().__init__(weight, every)
        self.scale = self.number(scale, "scale", low=0.0, low_open=True)

    def __call__(self, discriminator, real, fake, seed):
        real = tf.cast(real, tf.float32)
        u = global_uniform(tf.shape(real), seed)
        x = real + self.scale * global_std(real) * u  # the std of the global batch, as on one replica
        norm = tf.sqrt(input_gradient_sq_norm(discriminator, x) + 1e-12)
        return self.weight * tf.square(norm - 1.0)
