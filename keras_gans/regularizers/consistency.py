import tensorflow as tf

from keras_gans.augmentations.diff_augment import _translation
from keras_gans.distribute import global_uniform
from keras_gans.regularizers.base import Regularizer, register_regularizer


def _random_flip(x, seed):
    b = tf.shape(x)[0]
    flip = global_uniform([b, 1, 1, 1], seed) < 0.5
    return tf.where(flip, tf.reverse(x, axis=[2]), x)


@register_regularizer("consistency")
class ConsistencyRegularization(Regularizer):
    """Consistency regularisation (Zhang et al. 2020, "Consistency Regularization for GANs", eq. 1 and
    Algorithm 1): lambda * ||D(x) - D(T(x))||^2 on real images, T a semantics-preserving augmentation
    (random horizontal flip and a translation of up to 1/8 of the size, the paper's CIFAR-10 choice),
    so D's output is insensitive to it. ``weight`` is lambda (10 in the paper). Images only (NHWC).

    Args:
        weight: lambda, the weight of the squared logit difference (>= 0; 10 in the paper).
        every: computed on every ``every``-th D step only, then multiplied by ``every``.

    Returns:
        lambda (D(x) - D(T(x)))^2 per real sample, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"regularizers.consistency.weight": 10.0})
    """

    def __init__(self, weight=10.0, every=1):
        super().__init__(weight, every)

    def __call__(self, discriminator, real, fake, seed):
        real = tf.cast(real, tf.float32)
        augmented = _translation(_random_flip(real, seed), seed)
        logits = tf.cast(discriminator(tf.concat([real, augmented], 0), training=True), tf.float32)
        a, b = tf.split(tf.reshape(logits, [2, tf.shape(logits)[0] // 2, -1]), 2)  # a packing D: one logit per pack
        return self.weight * tf.reduce_sum(tf.square(a[0] - b[0]), axis=-1)
