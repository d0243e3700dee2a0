import numpy as np
import tensorflow as tf

from keras_gans.layers import SelfAttention


def test_gamma_zero_is_the_identity_and_rows_sum_to_one():
    x = np.random.default_rng(0).standard_normal((2, 8, 8, 16)).astype("float32")
    layer = SelfAttention()
    np.testing.assert_array_equal(np.array(layer(x)), x)  # gamma starts at 0
    beta = np.array(layer.attention(x))
    assert beta.shape == (2, 64, 16)  # keys pooled 2x2
    np.testing.assert_allclose(beta.sum(-1), 1.0, rtol=1e-5)
    assert np.all(beta >= 0)


def test_output_is_the_attention_weighted_values():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((1, 4, 4, 8)).astype("float32")
    layer = SelfAttention(pool_keys=False)
    layer(x)
    layer.gamma.assign(0.7)
    q = x.reshape(16, 8) @ np.array(layer.query.kernel).reshape(8, 1)
    k = x.reshape(16, 8) @ np.array(layer.key.kernel).reshape(8, 1)
    v = x.reshape(16, 8) @ np.array(layer.value.kernel).reshape(8, 4)
    logits = q @ k.T
    beta = np.exp(logits - logits.max(1, keepdims=True))
    beta /= beta.sum(1, keepdims=True)
    o = (beta @ v) @ np.array(layer.out.kernel).reshape(4, 8)
    np.testing.assert_allclose(np.array(layer(x)), x + 0.7 * o.reshape(1, 4, 4, 8), rtol=1e-4, atol=1e-5)


def test_spectral_norm_variant_under_xla():
    x = np.random.default_rng(2).standard_normal((2, 8, 8, 16)).astype("float32")
    layer = SelfAttention(spectral_norm=True)
    layer(x)
    layer.gamma.assign(0.5)
    train = tf.function(lambda t: layer(t, training=True), jit_compile=True)
    infer = tf.function(lambda t: layer(t, training=False), jit_compile=True)
    u = np.array(layer.query.u)
    train(x)
    assert not np.allclose(np.array(layer.query.u), u)  # power iteration advanced inside XLA
    np.testing.assert_allclose(np.array(infer(x)), np.array(layer(x, training=False)), rtol=1e-4, atol=1e-4)
