import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class FadeIn(keras.layers.Layer):
    """Fade-in of a new resolution when growing progressively (Karras et al. 2018, sec. 3, fig. 2):
    y = alpha * new + (1 - alpha) * old, alpha a non-trainable weight raised from 0 to 1 during the
    transition (``set_alpha``; saved with the model).

    Args:
        alpha: the weight of the new block's output, in [0, 1] (``set_alpha`` changes it).
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[old, new]`` -> (1 - alpha) old + alpha new.

    Example:
        >>> y = FadeIn(0.5)([upsampled_old, new_block])
    """

    def __init__(self, alpha=0.0, **kwargs):
        super().__init__(**kwargs)
        self.initial_alpha = float(alpha)

    def build(self, input_shape):
        self.alpha = self.add_weight(shape=(), initializer=keras.initializers.Constant(self.initial_alpha),
                                     trainable=False, name="alpha", aggregation="only_first_replica")

    def set_alpha(self, value):
        self.alpha.assign(min(max(float(value), 0.0), 1.0))

    def call(self, inputs):
        old, new = inputs
        a = ops.cast(self.alpha, new.dtype)
        return a * new + (1.0 - a) * old

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "alpha": self.initial_alpha}
