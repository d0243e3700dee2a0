import math

import keras
from keras import ops


def he_constant(fan_in, gain=math.sqrt(2.0)):
    return gain / math.sqrt(fan_in)


@keras.saving.register_keras_serializable(package="keras_gans")
class EqualizedDense(keras.layers.Layer):
    """Dense layer with an equalized learning rate (Karras et al. 2018, "Progressive Growing of GANs",
    sec. 4.1): weights are stored as N(0, 1 / lr_multiplier^2) and scaled at run time by
    c = lr_multiplier * gain / sqrt(fan_in) (the He constant), so every layer's effective weights have
    the same dynamic range and adaptive optimizers (Adam) move them at the same relative speed.
    ``lr_multiplier`` < 1 slows a layer down (StyleGAN's mapping network uses 0.01).

    Args:
        units: output units.
        gain: the He-style gain of the runtime weight scale.
        lr_multiplier: scales the effective learning rate (0.01 in StyleGAN's mapping network).
        use_bias: add a bias.
        activation: an activation, or None.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        the dense output.

    Example:
        >>> y = EqualizedDense(128, lr_multiplier=0.01)(z)
    """

    def __init__(self, units, gain=math.sqrt(2.0), lr_multiplier=1.0, use_bias=True, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units, self.gain, self.lr_multiplier = int(units), float(gain), float(lr_multiplier)
        self.use_bias, self.activation = bool(use_bias), keras.activations.get(activation)

    def build(self, input_shape):
        fan_in = input_shape[-1]
        self.scale = he_constant(fan_in, self.gain) * self.lr_multiplier
        self.kernel = self.add_weight(shape=(fan_in, self.units), name="kernel",
                                      initializer=keras.initializers.RandomNormal(0.0, 1.0 / self.lr_multiplier))
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias") if self.use_bias else None

    def call(self, x):
        y = ops.matmul(x, self.kernel * self.scale)
        if self.bias is not None:
            y = y + self.bias * self.lr_multiplier
        return self.activation(y)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "gain": self.gain, "lr_multiplier": self.lr_multiplier,
                "use_bias": self.use_bias, "activation": keras.activations.serialize(self.activation)}
