"""A float32 twin of a generator trained under a mixed policy, for an export that runs anywhere.

Mixed precision (``mixed_bfloat16``, ``mixed_float16``) keeps float32 variables but computes in a 16-bit type, so
a SavedModel traced from such a generator holds bfloat16 / float16 ops: slower on CPUs without native support,
and refused by converters (TFLite: "Could not translate MLIR to FlatBuffer"). The twin is the same network built
from its own configuration with every dtype policy set to float32, holding the same weights."""

import keras
import numpy as np

from keras_gans.private_api import nested_layers

POLICY_CLASSES = ("DTypePolicy", "FloatDTypePolicy")


def float32_config(config):
    """``config`` (a serialised Keras object) with every dtype policy replaced by float32."""
    if isinstance(config, dict):
        if config.get("class_name") in POLICY_CLASSES and isinstance(config.get("config"), dict):
            return {**config, "config": {**config["config"], "name": "float32"}}
        return {key: float32_config(value) for key, value in config.items()}
    if isinstance(config, list):
        return [float32_config(value) for value in config]
    return config


def computes_in_float32(generator):
    """Whether every layer of ``generator`` computes in float32."""
    layers = nested_layers(generator, include_self=True)
    return all(getattr(layer, "compute_dtype", "float32") == "float32" for layer in layers)


def float32_copy(generator):
    """``generator`` itself if it computes in float32; otherwise its twin with float32 policies and the same
    weights (built on a zero batch of its inputs). The twin's outputs equal the generator's to the rounding of
    the 16-bit type."""
    if computes_in_float32(generator):
        return generator
    twin = keras.saving.deserialize_keras_object(float32_config(keras.saving.serialize_keras_object(generator)))
    shapes = generator.input_shape if isinstance(generator.input_shape, list) else [generator.input_shape]
    inputs = [np.zeros((1, *shape[1:]), "int32" if len(shape) == 1 else "float32") for shape in shapes]
    twin(inputs if len(inputs) > 1 else inputs[0], training=False)
    twin.set_weights(generator.get_weights())
    if not computes_in_float32(twin):
        raise ValueError(f"{generator.name}: a layer keeps a 16-bit policy outside its configuration; it cannot be "
                         "exported in float32.")
    return twin
