import numpy as np
import tensorflow as tf


class ZCAWhitening:
    """ZCA whitening (Bell & Sejnowski 1997; used for GAN data by e.g. Goodfellow et al. 2013's maxout
    networks and the CIFAR preprocessing of the Improved-GAN code): x -> W (x - mu) with
    W = U diag(1 / sqrt(s + epsilon)) U^T from the eigendecomposition C = U diag(s) U^T of the data
    covariance. Unlike PCA whitening, W is symmetric, so whitened images stay closest to the originals
    (Kessy et al. 2018); ``epsilon`` keeps near-zero-variance directions (e.g. constant MNIST borders) from
    being amplified. ``inverse_transform`` maps whitened samples (a generator's output) back.

    Args:
        epsilon: added to the covariance's eigenvalues (damps near-constant directions).

    Returns:
        ``transform(x)`` -> whitened ``[N, ...]``; ``inverse_transform(w)`` maps them back.

    Example:
        >>> zca = ZCAWhitening(1e-2).fit(x)
        >>> np.allclose(zca.inverse_transform(zca.transform(x).numpy()), x, atol=1e-3)
    """

    def __init__(self, epsilon=1e-2):
        self.epsilon = float(epsilon)

    def fit(self, x):
        x = np.asarray(x, np.float64)
        self.shape = x.shape[1:]
        flat = x.reshape(len(x), -1)
        if flat.shape[1] > 8192:
            raise ValueError(f"ZCA needs a {flat.shape[1]}^2 matrix; whiten at most 8192 values per sample (e.g. 64x64x2).")
        self.mean = flat.mean(0)
        s, u = np.linalg.eigh(np.cov(flat - self.mean, rowvar=False, bias=True))
        s = np.maximum(s, 0.0)
        self.matrix = (u / np.sqrt(s + self.epsilon)) @ u.T
        self.inverse = (u * np.sqrt(s + self.epsilon)) @ u.T
        return self

    def transform(self, x):
        """Whitens a tensor or array [N, ...] (float32 tensor out)."""
        flat = tf.reshape(tf.cast(x, tf.float32), [-1, int(np.prod(self.shape))])
        out = tf.matmul(flat - self.mean.astype(np.float32), self.matrix.astype(np.float32))
        return tf.reshape(out, tf.concat([[-1], list(self.shape)], 0))

    def inverse_transform(self, x):
        flat = np.asarray(x, np.float64).reshape(len(x), -1)
        return (flat @ self.inverse + self.mean).reshape((len(x),) + tuple(self.shape)).astype(np.float32)
