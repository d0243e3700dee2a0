import math

import keras
from keras import ops

from keras_gans.layers.equalized_dense import he_constant


@keras.saving.register_keras_serializable(package="keras_gans")
class EqualizedConv2D(keras.layers.Layer):
    """Conv2D with an equalized learning rate (Karras et al. 2018, sec. 4.1): N(0, 1) kernel scaled at
    run time by lr_multiplier * gain / sqrt(k * k * C_in); see ``EqualizedDense``.

    Args:
        filters: output channels.
        kernel_size: the square kernel's size.
        strides: the stride.
        padding: ``"same"`` or ``"valid"``.
        gain: the He-style gain of the runtime weight scale.
        lr_multiplier: scales the effective learning rate.
        use_bias: add a bias.
        activation: an activation, or None.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        the convolution's output.

    Example:
        >>> y = EqualizedConv2D(64, 3)(x)
    """

    def __init__(self, filters, kernel_size=3, strides=1, padding="same", gain=math.sqrt(2.0), lr_multiplier=1.0,
                 use_bias=True, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.filters, self.kernel_size, self.strides, self.padding = int(filters), int(kernel_size), int(strides), padding
        self.gain, self.lr_multiplier = float(gain), float(lr_multiplier)
        self.use_bias, self.activation = bool(use_bias), keras.activations.get(activation)

    def build(self, input_shape):
        fan_in = self.kernel_size * self.kernel_size * input_shape[-1]
        self.scale = he_constant(fan_in, self.gain) * self.lr_multiplier
        self.kernel = self.add_weight(shape=(self.kernel_size, self.kernel_size, input_shape[-1], self.filters), name="kernel",
                                      initializer=keras.initializers.RandomNormal(0.0, 1.0 / self.lr_multiplier))
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias") if self.use_bias else None

    def call(self, x):
        y = ops.conv(x, self.kernel * self.scale, strides=self.strides, padding=self.padding)
        if self.bias is not None:
            y = y + self.bias * self.lr_multiplier
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        return keras.layers.Conv2D(self.filters, self.kernel_size, self.strides, self.padding).compute_output_shape(input_shape)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size, "strides": self.strides,
                "padding": self.padding, "gain": self.gain, "lr_multiplier": self.lr_multiplier, "use_bias": self.use_bias,
                "activation": keras.activations.serialize(self.activation)}
