import math

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class ModulatedConv2D(keras.layers.Layer):
    """Modulated convolution with weight demodulation (Karras et al. 2020, "Analyzing and Improving the
    Image Quality of StyleGAN", sec. 2.2, eq. 1-3): per sample, w'_{ijk} = s_i w_{ijk} with the style
    s = 1 + A(w) (one scale per input channel), then w''_{ijk} = w'_{ijk} / sqrt(sum_{i,k} w'^2_{ijk} + eps),
    so outputs of unit-variance inputs have unit variance. Computed without per-sample kernels: scaling
    the input by s, convolving with the shared kernel and scaling the output by the demodulation
    coefficients is the same linear map (the reference code's non-fused path). The kernel is N(0, 1)
    with the He constant applied at run time (equalized learning rate). Call with ``[x, w]``.

    Args:
        filters: output channels.
        kernel_size: the square kernel's size.
        demodulate: normalise each output channel's weights.
        epsilon: added before the demodulation's root.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[x, style]`` -> the modulated convolution's output.

    Example:
        >>> y = ModulatedConv2D(64, 3)([x, style])
    """

    def __init__(self, filters, kernel_size=3, demodulate=True, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.filters, self.kernel_size = int(filters), int(kernel_size)
        self.demodulate, self.epsilon = bool(demodulate), float(epsilon)

    def build(self, input_shape):
        x_shape, w_shape = input_shape
        c = x_shape[-1]
        self.kernel = self.add_weight(shape=(self.kernel_size, self.kernel_size, c, self.filters),
                                      initializer=keras.initializers.RandomNormal(0.0, 1.0), name="kernel")
        self.scale = 1.0 / math.sqrt(self.kernel_size * self.kernel_size * c)
        self.style = keras.layers.Dense(c, kernel_initializer="zeros", name="style")
        self.style.build(w_shape)

    def styles(self, w):
        return 1.0 + ops.cast(self.style(w), "float32")  # [N, C_in]

    def call(self, inputs):
        x, w = inputs
        s = self.styles(w)
        kernel = ops.cast(self.kernel, "float32") * self.scale
        y = ops.conv(ops.cast(x, "float32") * s[:, None, None, :], kernel, padding="same")
        if self.demodulate:
            # sum over (k, k, i) of (s_i w_{kki j})^2 for each sample and output channel j
            sq = ops.matmul(ops.square(s), ops.sum(ops.square(kernel), axis=(0, 1)))  # [N, C_out]
            y = y * ops.rsqrt(sq + self.epsilon)[:, None, None, :]
        return ops.cast(y, x.dtype)

    def compute_output_shape(self, input_shape):
        return (*input_shape[0][:-1], self.filters)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "demodulate": self.demodulate, "epsilon": self.epsilon}
