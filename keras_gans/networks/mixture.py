"""A mixture of generators (MGAN, Hoang et al. 2018, "MGAN: Training Generative Adversarial Nets with Multiple
Generators", ICLR, sec. 3): K generators that share every layer but their first (or, ``shared="all_but_last"``,
but their last), built from any generator network of the registry as one functional model ``[z, k] -> x``
that runs generator k on each latent."""

import keras
from keras import ops

from keras_gans.checks import ConfigError
from keras_gans.private_api import is_functional

SHARING = ("all_but_first", "all_but_last")


@keras.saving.register_keras_serializable(package="keras_gans")
class MixtureInput(keras.layers.Layer):
    """The first layer of each of K generators: generator k maps z to W_k z + b_k (a dense layer of its own,
    latent size to latent size), the rest of the network being shared. Each W_k starts from its own random
    orthogonal draw, so the K generators differ from the first step.

    Args:
        generators: K.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[z [N, d], k int [N]]`` -> ``[N, d]``.

    Example:
        >>> y = MixtureInput(4)([z, k])
    """

    def __init__(self, generators, **kwargs):
        super().__init__(**kwargs)
        self.generators = int(generators)

    def build(self, input_shape):
        d = int(input_shape[0][-1])
        self.kernel = self.add_weight(shape=(self.generators, d, d), initializer=keras.initializers.Orthogonal(),
                                      name="kernel")
        self.bias = self.add_weight(shape=(self.generators, d), initializer="zeros", name="bias")

    def call(self, inputs):
        z, k = inputs
        k = ops.cast(ops.reshape(k, (-1,)), "int32")
        kernel = ops.take(self.kernel, k, axis=0)  # [N, d, d]
        return ops.einsum("nd,nde->ne", z, ops.cast(kernel, z.dtype)) + ops.cast(ops.take(self.bias, k, axis=0), z.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "generators": self.generators}


@keras.saving.register_keras_serializable(package="keras_gans")
class SelectOutput(keras.layers.Layer):
    """Of K outputs ``[x_1 .. x_K]`` (each ``[N, ...]``), the one of each sample's generator: ``x_{k_i}[i]``.

    Returns:
        ``[x_1, ..., x_K, k int [N]]`` -> ``[N, ...]``.

    Example:
        >>> x = SelectOutput()([head_1, head_2, k])
    """

    def call(self, inputs):
        *outputs, k = inputs
        stacked = ops.stack(outputs, axis=1)  # [N, K, ...]
        one_hot = ops.one_hot(ops.cast(ops.reshape(k, (-1,)), "int32"), len(outputs), dtype=stacked.dtype)
        one_hot = ops.reshape(one_hot, (-1, len(outputs)) + (1,) * (len(stacked.shape) - 2))
        return ops.sum(stacked * one_hot, axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape[0]


def mixture_generator(generator, generators, shared="all_but_first"):
    """``generator`` (a functional ``z -> x`` network) as K generators sharing all but their first layer (a
    ``MixtureInput`` before the shared network) or all but their last (the last layer with weights cloned K
    times; the weightless layers after it, e.g. ``tanh``, shared). Returns a model ``[z, k] -> x``."""
    if shared not in SHARING:
        raise ConfigError(f"model.mixture.shared must be one of {', '.join(SHARING)}, got {shared!r}.")
    if not is_functional(generator):
        raise ConfigError("model.mixture needs a functional generator (z -> x), not a subclassed one.")
    if len(generator.inputs) != 1:
        raise ConfigError("model.mixture and class conditioning cannot be combined: both drive the generator's second "
                          "input.")
    z = keras.Input(generator.input_shape[1:], name="z")
    k = keras.Input((), dtype="int32", name="generator_index")
    if shared == "all_but_first":
        x = generator(MixtureInput(generators, name="mixture_input")([z, k]))
        return keras.Model([z, k], x, name=f"{generator.name}_mixture")
    weighted = [i for i, layer in enumerate(generator.layers) if layer.weights]
    last = weighted[-1]
    tail = generator.layers[last + 1:]
    if any(layer.weights for layer in tail):
        raise ConfigError("model.mixture.shared=all_but_last needs a generator whose last layer with weights is followed "
                          "by weightless layers only.")
    body = keras.Model(generator.inputs, generator.layers[last].input, name=f"{generator.name}_body")
    h = body(z)
    heads = []
    for j in range(generators):
        layer = generator.layers[last]
        clone = layer.__class__.from_config({**layer.get_config(), "name": f"{layer.name}_{j}"})
        x = clone(h)
        for t in tail:
            x = t(x)
        heads.append(x)
    return keras.Model([z, k], SelectOutput(name="select_generator")([*heads, k]), name=f"{generator.name}_mixture")
