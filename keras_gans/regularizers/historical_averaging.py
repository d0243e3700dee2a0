import tensorflow as tf

from keras_gans.regularizers.base import Regularizer, register_regularizer
from keras_gans.regularizers.running_mean import WeightHistory


@register_regularizer("historical_averaging")
class HistoricalAveraging(Regularizer):
    """Historical averaging of D (Salimans et al. 2016, "Improved Techniques for Training GANs", sec.
    3.3): ``weight`` * |theta - (1/t) sum_{i=1}^t theta[i]|^2, theta D's weights and theta[i] their values
    at past updates; it damps the oscillations of non-convex games (Brown 1951's fictitious play). For
    G's version add ``historical_averaging`` to ``g_regularizers``.

    Args:
        weight: the penalty's weight (>= 0).
        every: lazy regularisation: computed every ``every``-th D step, times ``every``.

    Returns:
        the weighted per-example penalty, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"regularizers.historical_averaging.weight": 1e-3})
    """

    def __init__(self, weight=1e-3, every=1):
        super().__init__(weight, every)

    def build(self, gan):
        self._history = WeightHistory(gan.discriminator.trainable_variables)

    def state(self):
        return self._history.state()

    def __call__(self, discriminator, real, fake, seed):
        return tf.fill([tf.shape(real)[0]], self.weight * self._history.penalty())
