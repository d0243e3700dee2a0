"""Tiny models and data for fast tests."""

import numpy as np

from keras_gans import zoo


def toy_gan(strategy=None, preset="gaussian_ring", **overrides):
    """The gaussian_ring preset (or another toy ``preset``) shrunk to 16-unit MLPs, float32, no XLA."""
    base = {
        "generator.units": [16, 16],
        "discriminator.units": [16, 16],
        "precision": "float32",
        "jit_compile": False,
        "batch_size": 8,
    }
    return zoo.load(preset, strategy=strategy, **{**base, **overrides})


def tiny_image_gan(preset="dcgan", strategy=None, **overrides):
    base = {"generator.base_filters": 4, "discriminator.base_filters": 4, "latent_dim": 8, "precision": "float32", "jit_compile": False, "batch_size": 8}
    return zoo.load(preset, strategy=strategy, **{**base, **overrides})


def points(n=64, seed=0):
    return np.random.default_rng(seed).standard_normal((n, 2)).astype(np.float32)


def images(n=16, size=28, channels=1, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, (n, size, size, channels)).astype(np.float32)


def weights(model):
    return [np.array(v) for v in model.weights]


def max_abs_diff(a, b):
    return max(float(np.max(np.abs(x - y))) for x, y in zip(a, b))




def tiny_progressive_gan(strategy=None, growth=None, **overrides):
    """progressive_gan at 16x16 (4 -> 8 -> 16), a few channels; by default 2 steps of batch 8 per phase."""
    base = {"resolution": 16, "latent_dim": 8, "batch_size": 8, "precision": "float32", "jit_compile": False,
            "generator.fmap_base": 32, "generator.fmap_max": 8, "discriminator.fmap_base": 32, "discriminator.fmap_max": 8,
            "model.growth": growth or {"fade_images": 16, "stable_images": 16, "batch_sizes": {"4": 8, "8": 8, "16": 8}}}
    return zoo.load("progressive_gan", strategy=strategy, **{**base, **overrides})


def tiny_stylegan(strategy=None, **overrides):
    """stylegan at 16x16 with a few channels, 2 mapping layers; R1 and path length every 2 steps."""
    base = {"resolution": 16, "latent_dim": 8, "batch_size": 8, "precision": "float32", "jit_compile": False,
            "generator.w_dim": 8, "generator.fmap_base": 32, "generator.fmap_max": 8, "generator.mapping_layers": 2,
            "discriminator.fmap_base": 32, "discriminator.fmap_max": 8, "regularizers.r1.every": 2,
            "g_regularizers.path_length.every": 2}
    return zoo.load("stylegan", strategy=strategy, **{**base, **overrides})
