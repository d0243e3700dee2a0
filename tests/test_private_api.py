import pytest
"""One test per shim of keras_gans/private_api.py: the day a Keras release moves one, this file says which."""

import os
import subprocess
import sys

import keras
import numpy as np
import tensorflow as tf

from keras_gans.private_api import BuildWithoutData, is_functional, nested_layers
from tests.helpers import toy_gan


class _Block(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(3, name="inner")
        self.norm = keras.layers.LayerNormalization(name="norm")

    def call(self, x):
        return self.norm(self.inner(x))


def test_nested_layers_reaches_the_layers_inside_a_subclassed_layer():
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(2, name="head")(_Block(name="block")(inputs)))
    names = [layer.name for layer in nested_layers(model)]
    assert [layer.name for layer in model.layers] == [model.layers[0].name, "block", "head"]  # the top level only
    assert {"block", "inner", "norm", "head"} <= set(names) and model.name not in names
    assert nested_layers(model, include_self=True)[0] is model


def test_is_functional_tells_functional_models_from_subclassed_ones():
    inputs = keras.Input((4,))
    functional = keras.Model(inputs, keras.layers.Dense(2)(inputs))

    class Subclassed(keras.Model):
        def call(self, x):
            return x

    assert is_functional(functional) and not is_functional(Subclassed())


@pytest.mark.large
def test_in_multi_worker_mode_is_false_for_one_worker():
    # a MultiWorkerMirroredStrategy must be the process's first TensorFlow work: its own process
    code = ("import tensorflow as tf; from keras_gans.private_api import in_multi_worker_mode; "
            "print(in_multi_worker_mode(tf.distribute.MultiWorkerMirroredStrategy()))")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_CONFIG", None)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr[-2000:]


def _reshuffling_points():
    return tf.data.Dataset.from_tensor_slices(np.arange(64, dtype=np.float32).reshape(32, 2) / 64).shuffle(
        32, seed=1, reshuffle_each_iteration=True).batch(8, drop_remainder=True)


def test_fit_under_a_strategy_trains_on_the_first_permutation_of_a_reshuffling_dataset(two_replica_strategy):
    # Keras alone pulls a batch from a throwaway iterator before training: the run would then train on the
    # dataset's second permutation under a strategy and on its first without one
    assert issubclass(type(toy_gan()), BuildWithoutData)
    first_permutation = [b.numpy().tolist() for b in _reshuffling_points()]
    pulled = []

    def record(x):
        pulled.append(x.numpy().tolist())
        return x

    ds = _reshuffling_points().map(lambda x: tf.ensure_shape(tf.py_function(record, [x], tf.float32), [8, 2]))
    toy_gan(strategy=two_replica_strategy).fit(ds, epochs=1, verbose=0)
    assert pulled == first_permutation
