"""The style-based generator: truncation, style mixing, fixed noise for sampling, the tracked average w,
`.keras` round trip, and the residual discriminator's shapes."""

import keras
import numpy as np
import pytest

from keras_gans.networks import StyleGenerator, residual_discriminator


def _g(**kw):
    g = StyleGenerator(latent_dim=8, w_dim=8, resolution=16, fmap_base=64, fmap_max=8, mapping_layers=2, seed=3, **kw)
    rng = np.random.default_rng(0)
    for w in g.weights:  # the style affines start at 0 (every style 1): give the styles an effect
        if w.path.endswith("style/kernel") or "noise_scale" in w.path:
            w.assign(rng.normal(0.0, 0.5, w.shape).astype("float32"))
    return g


def _z(n=4, seed=0):
    return np.random.default_rng(seed).standard_normal((n, 8)).astype("float32")


def test_truncation_psi_0_gives_the_image_of_the_average_w_for_every_z_and_psi_1_changes_nothing():
    g = _g()
    g.w_avg.assign(np.linspace(-1, 1, 8).astype("float32"))
    z = _z(5)
    average = np.array(g(z, truncation=0.0))
    ws = np.tile(np.array(g.w_avg)[None, None], (1, g.num_ws, 1))
    np.testing.assert_allclose(average, np.repeat(np.array(g.synthesis(ws)), 5, axis=0), rtol=1e-5, atol=1e-6)
    full = np.array(g(z))
    assert np.abs(full[0] - full[1]).max() > 1e-2  # without truncation the z matter
    # w_avg + 1 (w - w_avg) equals w up to float rounding, which the synthesis network carries on: 1e-5
    np.testing.assert_allclose(np.array(g(z, truncation=1.0)), full, rtol=1e-4, atol=1e-5)
    half = np.array(g.mapping(z))[:, None] * 0.5 + 0.5 * np.array(g.w_avg)[None, None]
    np.testing.assert_allclose(np.array(g(z, truncation=0.5)), np.array(g.synthesis(np.repeat(half, g.num_ws, 1))),
                               rtol=1e-4, atol=1e-5)


def test_style_mixing_switches_from_the_first_w_to_the_second_at_the_drawn_layer():
    g = _g()
    w, w2 = np.full((3, 8), 1.0, "float32"), np.full((3, 8), 2.0, "float32")
    ws = np.array(g.mix_styles(w, w2, np.array([True, True, False]), np.array([1, 4, 2])))
    assert ws.shape == (3, g.num_ws, 8) and g.num_ws == 6  # 4: 1 conv, 8 and 16: 2 convs, + the last toRGB
    layer_values = ws[:, :, 0]
    np.testing.assert_array_equal(layer_values[0], [1, 2, 2, 2, 2, 2])
    np.testing.assert_array_equal(layer_values[1], [1, 1, 1, 1, 2, 2])
    np.testing.assert_array_equal(layer_values[2], [1, 1, 1, 1, 1, 1])  # no mixing for this sample


def test_sampling_uses_fixed_noise_and_training_fresh_noise_and_tracks_the_average_w():
    g = _g(w_avg_beta=0.5)
    z = _z()
    np.testing.assert_array_equal(np.array(g(z)), np.array(g(z)))
    assert np.abs(np.array(g(z, training=True)) - np.array(g(z, training=True))).max() > 1e-4
    g2 = _g(w_avg_beta=0.5, style_mixing=0.0)
    before = np.array(g2.w_avg)
    g2(z, training=True)
    np.testing.assert_allclose(np.array(g2.w_avg), 0.5 * np.array(g2.mapping(z)).mean(0) + 0.5 * before, rtol=1e-5, atol=1e-6)


def test_keras_round_trip_gives_the_same_samples(tmp_path):
    g = _g()
    g.w_avg.assign(np.ones(8, "float32"))
    path = str(tmp_path / "g.keras")
    g.save(path)
    loaded = keras.models.load_model(path)
    for psi in (None, 0.7):
        np.testing.assert_allclose(np.array(loaded(_z(), truncation=psi)), np.array(g(_z(), truncation=psi)), rtol=1e-6)


def test_residual_discriminator_and_resolution_errors():
    d = residual_discriminator(resolution=16, channels=3, fmap_base=64, fmap_max=8)
    assert d(np.zeros((4, 16, 16, 3), "float32")).shape == (4, 1)
    with pytest.raises(ValueError, match="4, 8, 16, 32"):
        StyleGenerator(resolution=28)
    with pytest.raises(ValueError, match="4, 8, 16, 32"):
        residual_discriminator(resolution=28)
