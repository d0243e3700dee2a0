import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class PixelNormalization(keras.layers.Layer):
    """Pixelwise feature vector normalization (Karras et al. 2018, "Progressive Growing of GANs",
    sec. 4.2, eq. in text): b_{x,y} = a_{x,y} / sqrt(mean_j (a^j_{x,y})^2 + eps) over the channels j
    at every position, so the mean square of each feature vector is 1 and signal magnitudes in G
    cannot escalate.

    Args:
        epsilon: added to the mean square.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``x`` with each pixel's feature vector scaled to unit mean square.

    Example:
        >>> y = PixelNormalization()(x)
    """

    def __init__(self, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = float(epsilon)

    def call(self, x):
        x32 = ops.cast(x, "float32")
        return ops.cast(x32 * ops.rsqrt(ops.mean(ops.square(x32), axis=-1, keepdims=True) + self.epsilon), x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}
