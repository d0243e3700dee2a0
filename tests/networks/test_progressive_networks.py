"""The growing networks of progressive_gan: the fade-in blends exactly the two stages, growth keeps the
weights, a stopped generator serves the final resolution, `.keras` round trips."""

import keras
import numpy as np
import pytest

from keras_gans.checks import ConfigError
from keras_gans.models.growth_schedule import growth_resolutions
from keras_gans.networks import ProgressiveDiscriminator, ProgressiveGenerator

SMALL = {"resolution": 16, "fmap_base": 32, "fmap_max": 8}


def _z(n=4, dim=8, seed=0):
    return np.random.default_rng(seed).standard_normal((n, dim)).astype("float32")


def _nearest(x, factor):
    return np.repeat(np.repeat(x, factor, axis=1), factor, axis=2)


def _avg(x, factor):
    n, h, w, c = x.shape
    return x.reshape(n, h // factor, factor, w // factor, factor, c).mean(axis=(2, 4))


def test_generator_fade_in_is_the_previous_stage_at_alpha_0_and_the_new_block_at_alpha_1():
    g = ProgressiveGenerator(latent_dim=8, channels=1, **SMALL)
    z = _z()
    g.set_stage(0)
    stage0 = np.array(g(z))  # 4x4 image repeated to 16x16
    to_rgb4 = np.array(g.to_rgb[0](g.head(z)))
    np.testing.assert_allclose(stage0, _nearest(to_rgb4, 4), rtol=1e-6)
    g.set_stage(1)
    g.alpha.assign(0.0)
    np.testing.assert_allclose(np.array(g(z)), stage0, rtol=1e-5, atol=1e-6)
    g.alpha.assign(1.0)
    new = np.array(g.to_rgb[1](g.blocks[0](g.head(z))))  # the 8x8 block alone
    np.testing.assert_allclose(np.array(g(z)), _nearest(new, 2), rtol=1e-5, atol=1e-6)
    g.alpha.assign(0.25)
    np.testing.assert_allclose(np.array(g(z)), 0.25 * _nearest(new, 2) + 0.75 * stage0, rtol=1e-5, atol=1e-6)


def test_discriminator_fade_in_is_the_previous_stage_at_alpha_0_and_the_new_block_at_alpha_1():
    d = ProgressiveDiscriminator(channels=1, **SMALL)
    x = np.random.default_rng(1).uniform(-1, 1, (4, 16, 16, 1)).astype("float32")
    d.set_stage(0)
    stage0 = np.array(d(x))
    np.testing.assert_allclose(stage0, np.array(d.tail(d.from_rgb[0](_avg(x, 4)))), rtol=1e-5, atol=1e-6)
    d.set_stage(1)
    d.alpha.assign(0.0)
    np.testing.assert_allclose(np.array(d(x)), stage0, rtol=1e-4, atol=1e-5)
    d.alpha.assign(1.0)
    new = np.array(d.tail(d.blocks[0](d.from_rgb[1](_avg(x, 2)))))
    np.testing.assert_allclose(np.array(d(x)), new, rtol=1e-4, atol=1e-5)


def test_every_weight_exists_from_the_first_stage_and_a_stage_change_keeps_them():
    g = ProgressiveGenerator(latent_dim=8, channels=1, **SMALL)
    before = [np.array(w) for w in g.weights]
    names = [w.path for w in g.weights]
    assert any("block_16" in n for n in names) and any("to_rgb_4" in n for n in names)
    for stage in (2, 1, 0):
        g.set_stage(stage)
        g(_z())
        assert [w.path for w in g.weights] == names
        for a, w in zip(before, g.weights):
            np.testing.assert_array_equal(a, np.array(w))


def test_output_is_at_the_final_resolution_at_every_stage():
    g = ProgressiveGenerator(latent_dim=8, channels=3, **SMALL)
    d = ProgressiveDiscriminator(channels=3, **SMALL)
    for stage in range(3):
        g.set_stage(stage)
        d.set_stage(stage)
        y = np.array(g(_z()))
        assert y.shape == (4, 16, 16, 3)
        assert np.array(d(y)).shape == (4, 1)
        block = 16 // (4 * 2**stage)  # a stage-s image is made of blocks of identical pixels
        np.testing.assert_array_equal(y, _nearest(y[:, ::block, ::block], block))


def test_keras_round_trip_keeps_stage_alpha_and_outputs(tmp_path):
    g = ProgressiveGenerator(latent_dim=8, channels=1, **SMALL)
    g.set_stage(1)
    g.alpha.assign(0.3)
    path = str(tmp_path / "g.keras")
    g.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.stage == 1 and float(loaded.alpha.numpy()) == pytest.approx(0.3)
    np.testing.assert_allclose(np.array(loaded(_z())), np.array(g(_z())), rtol=1e-6)


def test_unreachable_resolution_names_the_valid_ones():
    assert growth_resolutions(4, 32) == [4, 8, 16, 32]
    with pytest.raises(ConfigError, match=r"reaches 4, 8, 16, 32, 64.*resolution 28.*resolution=32"):
        growth_resolutions(4, 28)
    with pytest.raises(ConfigError, match="power of 2"):
        growth_resolutions(3, 24)
