"""Jacobian-based truncation: the norm estimate against the closed form and autodiff's full Jacobian, the latents
it keeps, and where sampling uses it."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.checks import ConfigError
from keras_gans.models.jacobian_truncation import JacobianTruncation
from tests.helpers import tiny_image_gan, toy_gan


def exact_squared_norms(generator, z):
    """||J_G(z_i)||_F^2 from reverse-mode autodiff's full per-sample Jacobian (an independent computation)."""
    z = tf.constant(z)
    with tf.GradientTape() as tape:
        tape.watch(z)
        out = tf.reshape(tf.cast(generator(z, training=False), tf.float32), [len(z), -1])
    return np.sum(np.square(tape.batch_jacobian(out, z).numpy()), axis=(1, 2))


def test_the_estimate_matches_the_closed_form_of_a_tanh_layer():
    """G(z) = tanh(z A): J = diag(1 - tanh^2(z A)) A^T, so ||J||_F^2 = sum_j (1 - t_j^2)^2 sum_k A_kj^2. Each of
    4,000 copies of a latent gets one random direction; their mean is the estimate with 4,000 directions
    (relative standard error <= sqrt(2 / 4000) = 0.022)."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((3, 5)).astype("float32")
    layer = keras.layers.Dense(5, activation="tanh", use_bias=False, dtype="float32")
    generator = keras.Sequential([keras.Input((3,)), layer])
    layer.kernel.assign(a)
    z = rng.standard_normal((6, 3)).astype("float32")
    t = np.tanh(z @ a)
    closed_form = np.sum((1 - t**2) ** 2 * np.sum(a**2, axis=0)[None, :], axis=1)
    copies = 4000
    estimate = JacobianTruncation(0.5, directions=1).squared_norms(generator, np.repeat(z, copies, axis=0), seed=3)
    estimate = estimate.numpy().reshape(6, copies).mean(axis=1)
    np.testing.assert_allclose(estimate, closed_form, rtol=0.1)
    assert np.ptp(closed_form) > 0.2 * closed_form.max()  # the latents differ, so the test can tell them apart


@pytest.mark.large  # 256 forward-mode directions through 200 latents
def test_it_keeps_the_latents_with_the_smallest_jacobian():
    gan = toy_gan()
    z = np.random.default_rng(1).standard_normal((200, gan.latent_dim)).astype("float32")
    exact = exact_squared_norms(gan.generator, z)
    kept = JacobianTruncation(0.5, directions=256).kept(gan.generator, z, 100)
    assert len(kept) == 100 and np.all(np.diff(kept) > 0)  # indices in the order the latents were drawn
    smallest = set(np.argsort(exact)[:100])
    assert len(smallest & set(kept)) >= 90


def test_generate_draws_n_over_keep_latents_and_returns_g_of_the_kept_ones():
    gan = toy_gan(**{"model.jacobian_truncation": 0.8})
    assert gan.jacobian_truncation == 0.8
    n = 40
    candidates = np.random.default_rng(5).standard_normal((50, gan.latent_dim)).astype("float32")  # ceil(40 / 0.8)
    out = gan.generate(n=n, seed=5)
    kept = JacobianTruncation(0.8).kept(gan.sampling_generator, candidates, n, seed=5)
    np.testing.assert_allclose(out, np.asarray(gan.sampling_generator(candidates[kept])), rtol=1e-6, atol=1e-6)
    exact = exact_squared_norms(gan.sampling_generator, candidates)
    rejected = np.setdiff1d(np.arange(50), kept)
    assert exact[kept].mean() < exact[rejected].mean()
    plain = np.asarray(gan.sampling_generator(candidates[:n]))
    np.testing.assert_allclose(gan.generate(n=n, seed=5, jacobian_truncation=1.0), plain, rtol=1e-6, atol=1e-6)
    given = gan.generate(z=candidates)  # given latents are all used
    np.testing.assert_allclose(given, np.asarray(gan.sampling_generator(candidates)), rtol=1e-6, atol=1e-6)


def test_an_image_generator_in_mixed_precision_gets_a_finite_selection():
    gan = tiny_image_gan("dcgan_ema", precision="mixed_bfloat16")
    assert gan.jacobian_truncation == 0.8  # the preset's sampling
    x = gan.generate(n=10, seed=0)
    assert x.shape == (10, 28, 28, 1) and np.isfinite(x).all()


@pytest.mark.parametrize("keep", [0.0, 1.5, -0.2, True])
def test_a_bad_fraction_is_refused(keep):
    with pytest.raises(ValueError, match="model.jacobian_truncation .* must"):
        JacobianTruncation(keep)
    with pytest.raises((ConfigError, ValueError), match="jacobian_truncation"):
        toy_gan(**{"model.jacobian_truncation": keep})


def test_the_fraction_survives_save_and_load(tmp_path):
    gan = toy_gan(**{"model.jacobian_truncation": 0.7})
    gan.save(tmp_path / "gan.keras")
    assert keras.models.load_model(tmp_path / "gan.keras").jacobian_truncation == 0.7
