"""Path length regularisation against a hand computation on a linear generator."""

import types

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.regularizers import get_generator_regularizer
from keras_gans.regularizers.path_length import path_lengths

N, L, W, H = 3, 2, 4, 2  # samples, layers (num_ws), w_dim, image side (1 channel)


class LinearGenerator:
    """synthesis(ws) = reshape(flat(ws) @ A): its Jacobian is A, the same for every sample."""

    num_ws, output_shape = L, (None, H, H, 1)

    def __init__(self, a):
        self.a = tf.constant(a)

    def mapping(self, z):
        return z

    def synthesis(self, ws, training=None):
        return tf.reshape(tf.reshape(ws, [-1, L * W]) @ self.a, [-1, H, H, 1])


def test_path_lengths_are_the_norms_of_jacobian_transpose_times_y():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((L * W, H * H)).astype("float32")
    ws = rng.standard_normal((N, L, W)).astype("float32")
    y = rng.standard_normal((N, H, H, 1)).astype("float32")
    got = path_lengths(LinearGenerator(a).synthesis, tf.constant(ws), tf.constant(y)).numpy()
    jty = (y.reshape(N, -1) @ a.T).reshape(N, L, W)  # J^T y per sample
    want = np.sqrt((jty**2).sum(axis=2).mean(axis=1))
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_penalty_is_the_squared_distance_to_the_running_mean_weighted_and_lazy():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((L * W, H * H)).astype("float32")
    z = tf.constant(rng.standard_normal((N, W)).astype("float32"))
    reg = get_generator_regularizer({"name": "path_length", "weight": 2.0, "every": 4, "decay": 0.01})
    step = keras.Variable(0, dtype="int64")
    gan = types.SimpleNamespace(generator=LinearGenerator(a), g_optimizer=types.SimpleNamespace(iterations=step))
    reg.build(gan)
    seed = keras.random.SeedGenerator(7)
    state = np.array(seed.state)
    penalty = reg(gan, None, z, None, seed).numpy()
    # the same y as the regulariser: N(0, 1) from the same seed state, scaled by 1 / sqrt(H W)
    y = keras.random.normal((N, H, H, 1), seed=keras.random.SeedGenerator(7)).numpy() / np.sqrt(H * H)
    assert np.array_equal(np.array(keras.random.SeedGenerator(7).state), state)
    jty = (y.reshape(N, -1) @ a.T).reshape(N, L, W)
    lengths = np.sqrt((jty**2).sum(axis=2).mean(axis=1))
    mean = 0.0 + 0.01 * (lengths.mean() - 0.0)
    np.testing.assert_allclose(penalty, 4 * 2.0 * (lengths - mean) ** 2, rtol=1e-4)  # every 4: x4 on step 0
    assert float(reg.mean.numpy()) == pytest.approx(mean, rel=1e-5)
    step.assign(1)
    np.testing.assert_array_equal(reg(gan, None, z, None, seed).numpy(), 0.0)  # lazy: off steps give 0
    assert float(reg.mean.numpy()) == pytest.approx(mean, rel=1e-5)


def test_refuses_a_generator_that_is_not_style_based():
    reg = get_generator_regularizer("path_length")
    with pytest.raises(ValueError, match="style-based"):
        reg.build(types.SimpleNamespace(generator=object()))
