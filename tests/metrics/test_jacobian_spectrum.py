"""The generator's Jacobian spectrum against the SVD of a known matrix."""

import keras
import numpy as np
import pytest

from keras_gans.metrics.jacobian_spectrum import condition_number, jacobian_spectrum


def _linear_generator(matrix):
    """G(z) = z A^T, reshaped to images [N, 4, 3, 1]: J_G(z) = A at every z."""
    g = keras.Sequential([keras.Input((matrix.shape[1],)), keras.layers.Dense(matrix.shape[0], use_bias=False),
                          keras.layers.Reshape((4, 3, 1))])
    g.layers[0].kernel.assign(matrix.T.astype(np.float32))
    return g


def test_the_spectrum_of_a_linear_generator_is_its_svd():
    a = np.random.default_rng(0).standard_normal((12, 5))
    z = np.random.default_rng(1).standard_normal((3, 5))
    expected = np.linalg.svd(a, compute_uv=False)
    for method in ("exact", "lanczos"):
        s = jacobian_spectrum(_linear_generator(a), z, method=method)
        assert s.shape == (3, 5)
        np.testing.assert_allclose(s, np.tile(expected, (3, 1)), rtol=1e-3, atol=1e-4)
    assert condition_number(s)[0] == pytest.approx(expected[0] / expected[-1], rel=1e-3)


def test_a_rank_deficient_generator_shows_its_zero_singular_values():
    rng = np.random.default_rng(2)
    a = rng.standard_normal((12, 2)) @ rng.standard_normal((2, 5))  # rank 2 of 5
    s = jacobian_spectrum(_linear_generator(a), rng.standard_normal((2, 5)), method="exact")
    np.testing.assert_allclose(s[:, :2], np.tile(np.linalg.svd(a, compute_uv=False)[:2], (2, 1)), rtol=1e-4)
    assert np.all(s[:, 2:] < 1e-5 * s[:, :1])
    assert np.all(condition_number(s) > 1e4)


def test_a_nonlinear_generator_has_a_spectrum_per_latent():
    rng = np.random.default_rng(3)
    g = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="tanh"), keras.layers.Dense(12),
                          keras.layers.Reshape((4, 3, 1))])
    z = rng.standard_normal((2, 4)).astype(np.float32)
    w1, b1 = (v.numpy() for v in g.layers[0].weights)
    w2 = g.layers[1].kernel.numpy()
    for i in range(2):  # J = W2^T diag(1 - tanh^2(W1^T z + b1)) W1^T, by hand
        h = np.tanh(z[i] @ w1 + b1)
        jacobian = (w1 * (1 - h ** 2)) @ w2
        np.testing.assert_allclose(jacobian_spectrum(g, z, method="exact")[i], np.linalg.svd(jacobian.T, compute_uv=False),
                                   rtol=1e-4, atol=1e-6)
