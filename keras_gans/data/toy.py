"""The 2-D Gaussian mixtures of the mode-collapse benchmarks (VEEGAN, Srivastava et al. 2017;
PacGAN, Lin et al. 2018): a ring of 8 and a 5x5 grid of 25 Gaussians."""

import numpy as np


def ring_centers(num_modes=8, radius=1.0):
    angles = 2.0 * np.pi * np.arange(num_modes) / num_modes
    return radius * np.stack([np.cos(angles), np.sin(angles)], 1).astype(np.float32)


def grid_centers(size=5, spacing=2.0):
    ticks = spacing * (np.arange(size) - (size - 1) / 2.0)
    return np.stack(np.meshgrid(ticks, ticks, indexing="ij"), -1).reshape(-1, 2).astype(np.float32)


TOY = {
    "ring": (ring_centers, 0.01),  # means on the unit circle, std 0.01
    "grid": (grid_centers, 0.05),  # means (-4 + 2i, -4 + 2j), std 0.05
}


def sample_mixture(centers, std, n, seed=0):
    """n points: a uniformly chosen center plus isotropic N(0, std^2) noise; returns (points, modes)."""
    rng = np.random.default_rng(seed)
    modes = rng.integers(0, len(centers), n)
    points = centers[modes] + std * rng.standard_normal((n, 2))
    return points.astype(np.float32), modes.astype(np.int64)


def load_toy(name, num_samples=100_000, seed=0):
    make_centers, std = TOY[name]
    return sample_mixture(make_centers(), std, num_samples, seed)
