"""The EMA of the generator: the average it should be, what sampling and export use, saved and restored,
and identical on 1 and 2 replicas."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from tests.helpers import max_abs_diff, points, toy_gan, weights


def test_ema_follows_the_recursion_and_feeds_sampling():
    gan = toy_gan(**{"model.ema_decay": 0.9})
    expected = weights(gan.generator)  # theta_EMA starts at theta_0
    for _ in range(3):
        gan.fit(points(8), batch_size=8, epochs=1, verbose=0, shuffle=False)  # one step each
        expected = [0.9 * e + 0.1 * w for e, w in zip(expected, weights(gan.generator))]
    shadow = [np.array(v) for v in gan._ema.weights]
    assert max_abs_diff(shadow, expected) < 1e-6
    assert max_abs_diff(shadow, weights(gan.generator)) > 1e-4  # the average lags the raw weights
    z = np.random.default_rng(0).standard_normal((5, 2)).astype("float32")
    ema_net = keras.models.clone_model(gan.generator)
    ema_net.set_weights(expected)
    np.testing.assert_allclose(gan.generate(z=z), np.asarray(ema_net(z)), rtol=1e-5, atol=1e-6)


def test_ema_survives_keras_save_and_load(tmp_path):
    gan = toy_gan(**{"model.ema_decay": 0.5})
    gan.fit(points(16), batch_size=8, epochs=1, verbose=0)
    gan.save(tmp_path / "gan.keras")
    back = keras.models.load_model(tmp_path / "gan.keras")
    z = np.ones((3, 2), np.float32)
    assert back.ema_decay == 0.5
    np.testing.assert_allclose(back.generate(z=z), gan.generate(z=z), rtol=1e-6)
    with pytest.raises(ValueError, match="ema_decay"):
        toy_gan(**{"model.ema_decay": 1.5})


def test_ema_is_identical_on_two_replicas(two_replica_strategy):
    fast = {"model.ema_decay": 0.5, "batch_size": 16, "optimizers.g.learning_rate": 1e-2, "optimizers.d.learning_rate": 1e-2}

    def train(strategy):
        gan = toy_gan(strategy=strategy, **fast)
        ds = tf.data.Dataset.from_tensor_slices(points(32)).batch(16, drop_remainder=True)
        gan.fit(ds, epochs=1, verbose=0)
        return gan

    one, two = train(tf.distribute.OneDeviceStrategy("/cpu:0")), train(two_replica_strategy)
    shadow_one = [np.array(v) for v in one._ema.weights]
    for v, s in zip(two._ema.weights, shadow_one):
        local = [np.array(x) for x in two_replica_strategy.experimental_local_results(v.value)]
        np.testing.assert_array_equal(local[0], local[1])
        np.testing.assert_allclose(local[0], s, atol=1e-4)
