"""VirtualBatchNormalization and ConditionalBatchNormalization."""

import keras
import numpy as np

from keras_gans.layers import ConditionalBatchNormalization, VirtualBatchNormalization


def test_virtual_batch_norm_formula_and_independence_from_batch_mates():
    rng = np.random.default_rng(0)
    ref = rng.standard_normal((5, 4, 4, 2)).astype("float32") * 2 + 1
    batch = rng.standard_normal((3, 4, 4, 2)).astype("float32")
    layer = VirtualBatchNormalization(reference_size=5, epsilon=0.0)
    y = np.array(layer(np.concatenate([ref, batch])))[5:]
    for i in range(3):  # statistics of the reference batch plus the example itself, weight 1/(R+1)
        pooled_mean = (5 * ref.mean((0, 1, 2)) + batch[i].mean((0, 1))) / 6
        pooled_sq = (5 * (ref**2).mean((0, 1, 2)) + (batch[i] ** 2).mean((0, 1))) / 6
        expected = (batch[i] - pooled_mean) / np.sqrt(pooled_sq - pooled_mean**2)
        np.testing.assert_allclose(y[i], expected, rtol=1e-4, atol=1e-5)
    other = np.concatenate([ref, batch[:1], rng.standard_normal((4, 4, 4, 2)).astype("float32") * 9])
    np.testing.assert_allclose(np.array(layer(other))[5], y[0], rtol=1e-5)  # batch-mates changed, output not


def test_conditional_batch_norm_starts_as_batch_norm_and_applies_class_affine():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, 3, 3, 4)).astype("float32") * 3
    labels = np.array([0, 1, 2, 0, 1, 2])
    layer = ConditionalBatchNormalization(3, epsilon=1e-3)
    plain = keras.layers.BatchNormalization(epsilon=1e-3, center=False, scale=False)
    np.testing.assert_allclose(np.array(layer([x, labels], training=True)), np.array(plain(x, training=True)), rtol=1e-5, atol=1e-5)
    gamma, beta = rng.standard_normal((3, 4)).astype("float32"), rng.standard_normal((3, 4)).astype("float32")
    layer.gamma.embeddings.assign(gamma)
    layer.beta.embeddings.assign(beta)
    x_hat = np.array(plain(x, training=True))
    expected = (1 + gamma[labels])[:, None, None, :] * x_hat + beta[labels][:, None, None, :]
    np.testing.assert_allclose(np.array(layer([x, labels], training=True)), expected, rtol=1e-5, atol=1e-5)
