"""Stacked MNIST (Metz et al. 2017, "Unrolled GANs", sec. 3.3; VEEGAN; PacGAN): three independently drawn
MNIST digits stacked as the R, G and B channels, so 10^3 = 1000 modes; the label of a sample is
100 * d_R + 10 * d_G + d_B."""

import numpy as np


def stack_digits(images, labels, num_samples, seed=0):
    """(x [num_samples, H, W, 3], mode labels [num_samples]) from grayscale digits [N, H, W, 1] and their
    labels: every channel draws an independent digit uniformly from the N."""
    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim != 4 or images.shape[-1] != 1:
        raise ValueError(f"stacked MNIST needs grayscale digits [N, H, W, 1], got shape {images.shape}.")
    if labels is None or len(labels) != len(images):
        raise ValueError("stacked MNIST needs one digit label per image.")
    idx = np.random.default_rng(seed).integers(0, len(images), (num_samples, 3))
    x = np.concatenate([images[idx[:, c]] for c in range(3)], axis=-1)
    y = labels[idx[:, 0]] * 100 + labels[idx[:, 1]] * 10 + labels[idx[:, 2]]
    return x, y.astype(np.int64)
