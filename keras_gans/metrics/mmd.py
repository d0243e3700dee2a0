"""Maximum mean discrepancy with a Gaussian kernel (Gretton et al. 2012, "A Kernel Two-Sample Test",
eq. 3, the unbiased estimator MMD_u^2), bandwidth by the median heuristic: sigma is the median of the
pairwise distances of the pooled samples, k(x, y) = exp(-|x - y|^2 / (2 sigma^2)).
"""

import numpy as np
import tensorflow as tf

from keras_gans.metrics.distances import pairwise_reduce
from keras_gans.metrics.fid import _features


def median_distance(x, y):
    """Median of the pairwise distances between distinct samples of x and y pooled."""
    pooled = np.concatenate([x, y])
    d2 = pairwise_reduce(pooled, pooled, lambda d: d.numpy())
    upper = d2[np.triu_indices(len(pooled), k=1)]
    return float(np.sqrt(np.median(upper)))


def _kernel_sum(a, b, gamma):
    return float(np.sum(pairwise_reduce(a, b, lambda d: tf.reduce_sum(tf.exp(-gamma * d), axis=1).numpy())))


def mmd(real, fake, bandwidth=None, max_samples=1000):
    """Unbiased squared MMD between [N, D] sample sets; ``bandwidth`` defaults to the median heuristic,
    computed on the first ``max_samples`` of each set (the median needs all (N+M)^2 / 2 distances in
    memory; 2,000 pooled samples estimate it well)."""
    real, fake = _features(real, "real"), _features(fake, "fake")
    sigma = bandwidth or median_distance(real[:max_samples], fake[:max_samples])
    gamma = 1.0 / (2.0 * sigma**2)
    m, n = len(real), len(fake)
    k_rr = (_kernel_sum(real, real, gamma) - m) / (m * (m - 1))  # k(x, x) = 1 on the diagonal
    k_ff = (_kernel_sum(fake, fake, gamma) - n) / (n * (n - 1))
    k_rf = _kernel_sum(real, fake, gamma) / (m * n)
    return k_rr + k_ff - 2.0 * k_rf
