"""Sliced Wasserstein distance (Rabin et al. 2011; Deshpande et al. 2018, "Generative Modeling using
the Sliced Wasserstein Distance", eq. 4): the mean over random unit directions theta of the 1-D
Wasserstein-p distance between the projections <x, theta> of the two sets. In 1-D the optimal coupling
sorts both sets, so W_p is exact from quantiles.
"""

import numpy as np

from keras_gans.metrics.fid import _features


def random_directions(dim, num_projections, seed=0):
    theta = np.random.default_rng(seed).standard_normal((num_projections, dim))
    return theta / np.linalg.norm(theta, axis=1, keepdims=True)


def wasserstein_1d(u, v, p=1):
    """Exact W_p between the empirical distributions of u and v (1-D): the integral over q in (0, 1)
    of |F_u^-1(q) - F_v^-1(q)|^p, whose integrand is constant between the breakpoints i/len(u), j/len(v)."""
    u, v = np.sort(u), np.sort(v)
    edges = np.union1d(np.arange(len(u) + 1) / len(u), np.arange(len(v) + 1) / len(v))
    mid, width = (edges[1:] + edges[:-1]) / 2, np.diff(edges)
    qu = u[np.minimum((mid * len(u)).astype(int), len(u) - 1)]
    qv = v[np.minimum((mid * len(v)).astype(int), len(v) - 1)]
    return float(np.sum(width * np.abs(qu - qv) ** p) ** (1.0 / p))


def sliced_wasserstein(real, fake, num_projections=128, p=1, seed=0):
    """Mean W_p over ``num_projections`` random directions (fixed ``seed``: repeatable)."""
    real, fake = _features(real, "real"), _features(fake, "fake")
    theta = random_directions(real.shape[1], num_projections, seed)
    pr, pf = real @ theta.T, fake @ theta.T
    return float(np.mean([wasserstein_1d(pr[:, i], pf[:, i], p) for i in range(num_projections)]))
