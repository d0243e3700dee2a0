import tensorflow as tf

from keras_gans.regularizers.generator_base import GeneratorRegularizer, register_generator_regularizer
from keras_gans.regularizers.running_mean import WeightHistory


@register_generator_regularizer("historical_averaging")
class GeneratorHistoricalAveraging(GeneratorRegularizer):
    """Historical averaging of G (Salimans et al. 2016, sec. 3.3): ``weight`` * |theta - theta_bar|^2 for
    G's weights theta and the average theta_bar of their past values (see ``HistoricalAveraging``).

    Args:
        weight: the term's weight (>= 0).

    Returns:
        G's per-example term, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"g_regularizers.historical_averaging.weight": 1e-3})
    """

    def __init__(self, weight=1e-3):
        super().__init__(weight)

    def build(self, gan):
        self._history = WeightHistory(gan.generator.trainable_variables)

    def state(self):
        return self._history.state()

    def __call__(self, gan, real, z, fake, seed):
        return tf.fill([tf.shape(z)[0]], self.weight * self._history.penalty())
