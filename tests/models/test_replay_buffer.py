import types

import keras
import numpy as np
import tensorflow as tf

from keras_gans.models import ReplayBuffer
from tests.helpers import points, toy_gan


def _buffer(size, fraction):
    buffer = ReplayBuffer(size=size, fraction=fraction)
    buffer.build(types.SimpleNamespace(generator=types.SimpleNamespace(output_shape=(None, 2))))
    return buffer


def _rows_in(rows, pool):
    return all(np.any(np.all(np.isclose(pool, r), axis=1)) for r in rows)


def test_stores_fakes_in_order_and_serves_only_stored_ones():
    buffer, seed = _buffer(size=16, fraction=1.0), keras.random.SeedGenerator(0)
    first, second, third = (points(8, seed=s) + 10 * s for s in (1, 2, 3))
    np.testing.assert_array_equal(buffer(tf.constant(first), seed).numpy(), first)  # empty: current fakes only
    np.testing.assert_array_equal(buffer.samples.numpy()[:8], first)
    out = buffer(tf.constant(second), seed).numpy()
    assert _rows_in(out, first)  # fraction 1: every fake replaced by a stored one (only `first` was stored)
    np.testing.assert_array_equal(buffer.samples.numpy()[8:], second)  # then `second` joined, in order
    buffer(tf.constant(third), seed)  # full: `third` overwrites random rows
    stored = buffer.samples.numpy()
    assert int(buffer.count.numpy()) == 24
    assert _rows_in(stored, np.concatenate([first, second, third]))
    assert any(_rows_in([r], third) for r in stored)


def test_replaces_the_given_fraction():
    buffer, seed = _buffer(size=4096, fraction=0.3), keras.random.SeedGenerator(1)
    buffer(tf.constant(np.zeros((2048, 2), np.float32)), seed)
    out = buffer(tf.constant(np.ones((2048, 2), np.float32)), seed).numpy()
    replaced = np.mean(out[:, 0] == 0.0)
    assert abs(replaced - 0.3) < 4 * np.sqrt(0.3 * 0.7 / 2048)


def test_gan_trains_with_a_replay_buffer_from_a_preset_override():
    gan = toy_gan(**{"replay_buffer": {"size": 64, "fraction": 0.5}})
    gan.fit(points(48), batch_size=8, epochs=1, verbose=0)
    assert int(gan.replay_buffer.count.numpy()) == 48  # every D update stored its fakes
    assert gan.replay_buffer.samples in gan.extra_checkpoint_objects()["replay_buffer"]
