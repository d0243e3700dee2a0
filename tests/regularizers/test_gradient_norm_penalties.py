"""R1, R2, DRAGAN and lazy regularisation against closed forms."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.regularizers import DRAGANPenalty, R1Penalty, R2Penalty, get_regularizer


def quadratic_critic():
    """D(x) = 1/2 ||x||^2: grad_x D = x, so ||grad||^2 = ||x||^2 per sample."""
    inp = keras.Input((3,))
    return keras.Model(inp, keras.layers.Lambda(lambda x: 0.5 * tf.reduce_sum(x**2, -1, keepdims=True))(inp))


def test_r1_and_r2_are_half_gamma_squared_gradient_norms_on_real_and_fake():
    d = quadratic_critic()
    real = np.random.default_rng(0).standard_normal((5, 3)).astype("float32")
    fake = np.random.default_rng(1).standard_normal((5, 3)).astype("float32")
    seed = keras.random.SeedGenerator(0)
    np.testing.assert_allclose(R1Penalty(weight=4.0)(d, real, fake, seed).numpy(), 2.0 * np.sum(real**2, 1), rtol=1e-5)
    np.testing.assert_allclose(R2Penalty(weight=4.0)(d, real, fake, seed).numpy(), 2.0 * np.sum(fake**2, 1), rtol=1e-5)


def test_dragan_perturbs_real_data_by_half_its_std_times_uniform_noise():
    # with D(x) = w.x the gradient is w everywhere: lambda (||w|| - 1)^2 whatever the perturbation
    inp = keras.Input((2,))
    layer = keras.layers.Dense(1, use_bias=False)
    d = keras.Model(inp, layer(inp))
    layer.kernel.assign([[3.0], [4.0]])
    real = np.random.default_rng(2).standard_normal((7, 2)).astype("float32")
    out = DRAGANPenalty(weight=10.0)(d, real, real, keras.random.SeedGenerator(0)).numpy()
    np.testing.assert_allclose(out, 160.0, rtol=1e-5)
    # with the quadratic critic ||grad|| = ||x + delta||: the perturbation stays within [0, 0.5 std]
    x = np.ones((4000, 3), np.float32) * np.array([1.0, -1.0, 2.0], np.float32)
    x[:2000] *= -1
    std = x.std()
    pen = DRAGANPenalty(weight=1.0)(quadratic_critic(), x, x, keras.random.SeedGenerator(1)).numpy()
    norms = np.sqrt(pen) + 1.0  # ||x + delta|| (every norm here is > 1)
    base = np.linalg.norm(x, axis=1)
    assert np.all(norms >= base - 0.5 * std * np.sqrt(3) - 1e-4) and np.all(norms <= base + 0.5 * std * np.sqrt(3) + 1e-4)
    assert np.std(norms) > 0.01  # random per element


def test_lazy_regularisation_applies_every_kth_step_scaled_by_k():
    d = quadratic_critic()
    real = np.ones((2, 3), np.float32)
    reg = R1Penalty(weight=2.0, every=4)
    seed = keras.random.SeedGenerator(0)
    values = [float(np.mean(reg.apply(d, real, real, seed, tf.constant(step)))) for step in range(8)]
    assert values == [12.0, 0.0, 0.0, 0.0, 12.0, 0.0, 0.0, 0.0]  # 4 * (2 / 2 * ||x||^2 = 3)
    assert np.mean(values) == pytest.approx(3.0)  # the same average strength as every step


def test_registered_and_reachable_from_a_preset():
    assert isinstance(get_regularizer({"name": "r1", "weight": 5.0, "every": 16}), R1Penalty)
    assert get_regularizer("dragan").get_config() == {"weight": 10.0, "every": 1, "scale": 0.5}
    with pytest.raises(ValueError, match="every"):
        R2Penalty(every=0)


def test_lazy_r1_trains_from_a_preset_override():
    from tests.helpers import points, toy_gan

    gan = toy_gan(**{"regularizers.r1.weight": 1.0, "regularizers.r1.every": 2})
    assert [type(r) for r in gan.d_regularizers] == [R1Penalty] and gan.d_regularizers[0].every == 2
    hist = gan.fit(points(32), batch_size=8, epochs=1, verbose=0)
    assert hist.history["r1"][0] > 0.0 and np.isfinite(hist.history["d_loss"][0])
