import tensorflow as tf

from keras_gans.distribute import global_normal
from keras_gans.regularizers.generator_base import GeneratorRegularizer, register_generator_regularizer


@register_generator_regularizer("jacobian_clamping")
class JacobianClamping(GeneratorRegularizer):
    """Jacobian clamping (Odena et al. 2018, "Is Generator Conditioning Causally Related to GAN
    Performance?", Algorithm 1): keeps the singular values of G's Jacobian J_G(z) away from zero (and
    bounded) by a finite-difference probe. For z' = z + delta, |delta| = ``epsilon`` in a random
    direction, Q = |G(z) - G(z')| / |z - z'| (an estimate of a singular value of J_G along delta) and the
    penalty is (max(Q, lambda_max) - lambda_max)^2 + (min(Q, lambda_min) - lambda_min)^2, times
    ``weight``. The paper's values: lambda_min 1, lambda_max 20, epsilon 1.

    Args:
        weight: the term's weight (>= 0).
        lambda_min: the lowest allowed squared ratio ||G(z + d) - G(z)|| / ||d||.
        lambda_max: the highest allowed squared ratio (>= lambda_min).
        epsilon: the size of the latent perturbation d (> 0).

    Returns:
        G's per-example term, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"g_regularizers.jacobian_clamping.weight": 1.0})
    """

    def __init__(self, weight=1.0, lambda_min=1.0, lambda_max=20.0, epsilon=1.0):
        super().__init__(weight)
        self.lambda_min = self.number(lambda_min, "lambda_min", low=0.0)
        self.lambda_max = self.number(lambda_max, "lambda_max", low=self.lambda_min)
        self.epsilon = self.number(epsilon, "epsilon", low=0.0, low_open=True)

    def ratio(self, generator, z, fake, delta):
        """Q per example for the perturbation ``delta`` (same shape as ``z``)."""
        moved = generator(z + tf.cast(delta, z.dtype), training=True)
        flat = lambda t: tf.reshape(tf.cast(t, tf.float32), [tf.shape(t)[0], -1])  # noqa: E731
        return tf.norm(flat(fake) - flat(moved), axis=1) / tf.norm(flat(delta), axis=1)

    def __call__(self, gan, real, z, fake, seed):
        direction = global_normal(tf.shape(z), seed)
        delta = self.epsilon * direction / tf.norm(direction, axis=1, keepdims=True)
        q = self.ratio(gan.generator, z, fake, delta)
        above = tf.maximum(q, self.lambda_max) - self.lambda_max
        below = tf.minimum(q, self.lambda_min) - self.lambda_min
        return self.weight * (tf.square(above) + tf.square(below))
