"""Perceptual path length in z (Karras et al. 2019, "A Style-Based Generator Architecture for GANs",
sec. 3, eq. 2):

    PPL_z = E[ d(phi(G(slerp(z1, z2; t))), phi(G(slerp(z1, z2; t + eps)))) / eps^2 ],  t ~ U(0, 1)

with d the squared Euclidean distance between features phi (the paper uses LPIPS, a VGG embedding; here
the domain classifier's or Inception's features), eps = 1e-4, and the paper's outlier rejection: the mean
over the samples between the 1st and 99th percentiles. slerp runs on the unit sphere; since our generators
take unnormalised N(0, I) latents, the interpolated point is scaled back to the typical norm sqrt(d).
Uniform latents interpolate linearly (lerp) inside the cube.
"""

import numpy as np

from keras_gans.latent.interpolation import great_circle


def slerp(a, b, t):
    """Spherical interpolation between the directions of a and b (rows, each with its own t [N, 1]), result on
    the unit sphere: ``keras_gans.latent.interpolation.great_circle`` of the normalised rows."""
    a = a / np.linalg.norm(a, axis=-1, keepdims=True)
    b = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return great_circle(a, b, t)


def interpolation_pairs(z1, z2, t, eps=1e-4, interpolation="slerp"):
    """The two latents [N, d] at t and t + eps along the path from z1 to z2."""
    t = np.asarray(t, np.float64).reshape(-1, 1)
    if interpolation == "slerp":
        scale = np.sqrt(z1.shape[-1])
        return scale * slerp(z1, z2, t), scale * slerp(z1, z2, t + eps)
    if interpolation == "lerp":
        return z1 + t * (z2 - z1), z1 + (t + eps) * (z2 - z1)
    raise ValueError(f"interpolation must be 'slerp' or 'lerp', got {interpolation!r}.")


def path_lengths(generate, features, z1, z2, t, eps=1e-4, interpolation="slerp", batch_size=256):
    """Per-pair values d(phi(G(a)), phi(G(b))) / eps^2 (no outlier rejection). ``generate(z) -> samples``,
    ``features(samples) -> [N, D]``."""
    za, zb = interpolation_pairs(np.asarray(z1, np.float64), np.asarray(z2, np.float64), t, eps, interpolation)
    out = []
    for i in range(0, len(za), batch_size):
        both = np.concatenate([za[i : i + batch_size], zb[i : i + batch_size]]).astype(np.float32)
        f = np.asarray(features(generate(both)), np.float64)
        fa, fb = np.split(f, 2)
        out.append(np.sum((fa - fb) ** 2, axis=1) / eps**2)
    return np.concatenate(out)


def perceptual_path_length(generate, features, latent_dim, n=10_000, eps=1e-4, interpolation="slerp", seed=0, latents=None):
    """PPL (mean of the path lengths between their 1st and 99th percentiles) over n random paths;
    ``latents=(z1, z2, t)`` gives the paths explicitly."""
    if latents is None:
        rng = np.random.default_rng(seed)
        draw = rng.standard_normal if interpolation == "slerp" else (lambda s: rng.uniform(-1.0, 1.0, s))
        z1, z2 = draw((n, latent_dim)), draw((n, latent_dim))
        t = rng.uniform(0.0, 1.0, n)
    else:
        z1, z2, t = latents
    values = path_lengths(generate, features, z1, z2, t, eps, interpolation)
    lo, hi = np.percentile(values, [1, 99])
    return float(np.mean(values[(values >= lo) & (values <= hi)]))
