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


def test_ema_warmup_bounds_the_half_life_by_a_fraction_of_the_steps():
    """StyleGAN2-ADA's ramp-up: at G step t the half-life is min(h, r t), h = ln 0.5 / ln decay; so
    beta_t = 0.5 ** (1 / (r t)) early and the plain decay later (hand-computed for r = 0.5, decay 0.9)."""
    import math

    gan = toy_gan(**{"model.ema_decay": 0.9, "model.ema_warmup": 0.5})
    h = math.log(0.5) / math.log(0.9)  # 6.58 steps
    expected_betas = [min(0.5 ** (1 / (0.5 * t)), 0.9) for t in (1, 2, 3, 40)]
    assert expected_betas[0] == pytest.approx(0.25) and expected_betas[-1] == pytest.approx(0.9)
    assert 0.5 * 3 < h < 0.5 * 40
    betas = [float(gan._ema.decay_at(tf.constant(t))) for t in (1, 2, 3, 40)]
    np.testing.assert_allclose(betas, expected_betas, rtol=1e-6)
    expected = weights(gan.generator)
    for t in (1, 2, 3):
        gan.fit(points(8), batch_size=8, epochs=1, verbose=0, shuffle=False)  # one step each
        beta = 0.5 ** (1 / (0.5 * t))
        expected = [beta * e + (1 - beta) * w for e, w in zip(expected, weights(gan.generator))]
    assert max_abs_diff([np.array(v) for v in gan._ema.weights], expected) < 1e-6
    with pytest.raises(ValueError, match="ema_warmup"):
        toy_gan(**{"model.ema_decay": 0.9, "model.ema_warmup": -1.0})


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


def test_a_checkpoint_names_what_it_holds(tmp_path):
    import tensorflow as tf

    from keras_gans.callbacks import RunCheckpoint
    from tests.helpers import tiny_image_gan

    gan = tiny_image_gan("dcgan_ema", **{"replay_buffer": {"size": 16, "fraction": 0.5}})
    path = RunCheckpoint(gan, str(tmp_path)).save()
    names = [name for name, _ in tf.train.list_variables(path)]
    assert not [n for n in names if n.startswith("extra_")]
    ema = {n.split("/")[1] for n in names if n.startswith("ema_generator/")}
    assert len(ema) == len(gan.generator.weights)  # one shadow per weight of G, named after it
    assert all(name.removeprefix("ema_") in ema for name in (w.name for w in gan._ema.weights))
    assert any(n.startswith("replay_buffer/") for n in names)
