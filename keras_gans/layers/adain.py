import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class AdaIN(keras.layers.Layer):
    """Adaptive instance normalization (Huang & Belongie 2017, eq. 8; StyleGAN, Karras et al. 2019,
    eq. 1): AdaIN(x_i, y) = y_{s,i} (x_i - mu(x_i)) / sigma(x_i) + y_{b,i}, each feature map x_i
    normalised over its positions, then scaled and shifted by a style y = (y_s, y_b) that a learned
    affine map computes from the latent w. y_s is parametrised as 1 + A_s(w), so a zero map leaves
    the normalised features unscaled. Call with ``[x, w]``.

    Args:
        epsilon: added to the variance.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[x, style_scale, style_bias]`` -> the instance-normalised ``x`` scaled and shifted per channel.

    Example:
        >>> y = AdaIN()([x, scale, bias])
    """

    def __init__(self, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = float(epsilon)

    def build(self, input_shape):
        x_shape, w_shape = input_shape
        c = x_shape[-1]
        self.style_scale = keras.layers.Dense(c, kernel_initializer="zeros", name="style_scale")
        self.style_bias = keras.layers.Dense(c, kernel_initializer="zeros", name="style_bias")
        self.style_scale.build(w_shape)
        self.style_bias.build(w_shape)

    def call(self, inputs):
        x, w = inputs
        x32 = ops.cast(x, "float32")
        mean, var = ops.moments(x32, axes=(1, 2), keepdims=True)
        normalized = (x32 - mean) * ops.rsqrt(var + self.epsilon)
        scale = 1.0 + ops.cast(self.style_scale(w), "float32")[:, None, None, :]
        bias = ops.cast(self.style_bias(w), "float32")[:, None, None, :]
        return ops.cast(scale * normalized + bias, x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}
