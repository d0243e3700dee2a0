"""The singular values of a generator's Jacobian J_G(z) (Odena et al. 2018, "Is Generator Conditioning Causally
Related to GAN Performance?", ICML, sec. 3): the spread of the spectrum, its condition number
sigma_max / sigma_min, grows early in runs that end badly, before the samples show it."""

import numpy as np
import tensorflow as tf

EXACT_UP_TO = 512  # latent sizes whose full Jacobian is formed (one forward-mode product per latent direction)


def _jvp(generator, z, v):
    with tf.autodiff.ForwardAccumulator(primals=z, tangents=v) as acc:
        out = generator(z, training=False)
    return tf.reshape(tf.cast(acc.jvp(out), tf.float32), [tf.shape(z)[0], -1])


def _vjp(generator, z, u):
    with tf.GradientTape() as tape:
        tape.watch(z)
        out = tf.reshape(tf.cast(generator(z, training=False), tf.float32), [tf.shape(z)[0], -1])
    return tape.gradient(out, z, output_gradients=u)


def jacobian_matrices(generator, z):
    """J_G(z_i) [N, output size, latent size] for the latents ``z`` [N, d], exactly: the d columns of each
    Jacobian are d forward-mode products, made as one batch of N * d."""
    z = tf.convert_to_tensor(z, tf.float32)
    n, d = int(z.shape[0]), int(z.shape[1])
    repeated = tf.repeat(z, d, axis=0)  # row i*d + j: latent i, direction e_j
    tangents = tf.tile(tf.eye(d), [n, 1])
    columns = _jvp(generator, repeated, tangents)  # [N*d, out]
    return tf.transpose(tf.reshape(columns, [n, d, -1]), [0, 2, 1]).numpy()


def _lanczos_extremes(generator, z, steps, seed):
    """Eigenvalues of the tridiagonal Lanczos matrix of J^T J (J = J_G(z) for one latent z [1, d]) after
    ``steps`` iterations with full reorthogonalisation: the extreme ones converge first (Golub & Van Loan
    2013, sec. 10.1)."""
    d = int(z.shape[1])
    steps = min(steps, d)
    q = np.random.default_rng(seed).standard_normal(d)
    q /= np.linalg.norm(q)
    basis, alphas, betas = [], [], []
    for _ in range(steps):
        basis.append(q)
        v = tf.constant(q[None], tf.float32)
        w = _vjp(generator, z, _jvp(generator, z, v)).numpy()[0].astype(np.float64)  # J^T J q
        alpha = float(w @ q)
        for b in basis:  # full reorthogonalisation
            w -= (w @ b) * b
        beta = float(np.linalg.norm(w))
        alphas.append(alpha)
        if beta < 1e-10 or len(basis) == steps:
            break
        betas.append(beta)
        q = w / beta
    t = np.diag(alphas) + np.diag(betas[: len(alphas) - 1], 1) + np.diag(betas[: len(alphas) - 1], -1)
    return np.sort(np.clip(np.linalg.eigvalsh(t), 0.0, None))[::-1]


def jacobian_spectrum(generator, z, method="auto", steps=64, seed=0):
    """The singular values of J_G(z_i) for each latent of ``z`` [N, d], largest first, [N, k].

    ``method``: ``"exact"`` forms each Jacobian (d forward-mode products) and takes its SVD, k = min(output
    size, d); ``"lanczos"`` runs ``steps`` Lanczos iterations on J^T J, each one forward-mode (J v) and one
    reverse-mode (J^T u) product, and returns the Ritz values' roots, k <= steps: the largest and smallest
    singular values converge first; ``"auto"``: exact up to a latent size of 512. The generator runs in
    inference mode (batch normalisation uses its moving statistics); a conditional generator: bind its labels
    first (``keras_gans.models.conditioning.bound``).

    Example:
        >>> s = jacobian_spectrum(gan.sampling_generator, np.random.default_rng(0).standard_normal((4, 100)))
        >>> condition_numbers = s[:, 0] / s[:, -1]
    """
    z = np.asarray(z, np.float32)
    if z.ndim != 2:
        raise ValueError(f"jacobian_spectrum expects latents [N, latent size], got shape {z.shape}.")
    if method == "auto":
        method = "exact" if z.shape[1] <= EXACT_UP_TO else "lanczos"
    if method == "exact":
        return np.linalg.svd(jacobian_matrices(generator, z).astype(np.float64), compute_uv=False)
    if method == "lanczos":
        values = [np.sqrt(_lanczos_extremes(generator, tf.constant(z[i: i + 1]), steps, seed + i)) for i in range(len(z))]
        k = min(len(v) for v in values)
        return np.stack([v[:k] for v in values])
    raise ValueError(f"method must be 'auto', 'exact' or 'lanczos', got {method!r}.")


def condition_number(singular_values, floor=1e-12):
    """sigma_max / sigma_min of each row of ``singular_values`` (largest first); a zero sigma_min counts as ``floor``."""
    s = np.asarray(singular_values, np.float64)
    return s[..., 0] / np.maximum(s[..., -1], floor)
