"""Mode counting on the 2-D Gaussian mixtures (VEEGAN, Srivastava et al. 2017, sec. 5.1; PacGAN, Lin et
al. 2018, sec. 5): every sample is assigned to its nearest mean; it is *high quality* when it lies within
3 standard deviations of that mean. A mode is *covered* when it receives at least one high-quality
sample (the papers' definition); *balanced* when it receives at least a quarter of its fair share,
0.25 * N / K high-quality samples. The reverse KL is KL(q || uniform) of the histogram q of the
high-quality samples over the K modes (0 for perfectly balanced samples, log K for a single mode).
"""

import numpy as np


def gaussian_mixture_modes(samples, centers, std):
    """``{"modes", "balanced_modes", "num_modes", "high_quality", "reverse_kl", "counts"}`` for [N, D]
    samples of a mixture of isotropic Gaussians with the given [K, D] centers and standard deviation.
    With no high-quality sample at all the reverse KL is infinite."""
    samples = np.asarray(samples, np.float64)
    centers = np.asarray(centers, np.float64)
    if samples.ndim != 2 or samples.shape[1] != centers.shape[1]:
        raise ValueError(f"samples must be [N, {centers.shape[1]}] like the centers, got shape {samples.shape}.")
    d2 = np.sum((samples[:, None, :] - centers[None, :, :]) ** 2, axis=-1)
    nearest = np.argmin(d2, axis=1)
    good = np.sqrt(d2[np.arange(len(samples)), nearest]) <= 3.0 * std
    k = len(centers)
    counts = np.bincount(nearest[good], minlength=k)
    fair_quarter = 0.25 * len(samples) / k
    if counts.sum() > 0:
        q = counts / counts.sum()
        nz = q > 0
        reverse_kl = float(np.sum(q[nz] * np.log(q[nz] * k)))
    else:
        reverse_kl = float("inf")
    return {
        "modes": int(np.sum(counts >= 1)),
        "balanced_modes": int(np.sum(counts >= fair_quarter)),
        "num_modes": k,
        "high_quality": float(np.mean(good)),
        "reverse_kl": reverse_kl,
        "counts": counts.tolist(),
    }
