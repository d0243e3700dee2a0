"""EqualizedDense, EqualizedConv2D, PixelNormalization, FadeIn."""

import math

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.layers import EqualizedConv2D, EqualizedDense, FadeIn, PixelNormalization


@pytest.mark.parametrize("fan_in", [16, 256])
def test_equalized_dense_scales_by_the_he_constant_at_run_time(fan_in):
    x = np.random.default_rng(0).standard_normal((4, fan_in)).astype("float32")
    layer = EqualizedDense(8, use_bias=False)
    y = np.array(layer(x))
    w = np.array(layer.kernel)
    np.testing.assert_allclose(y, x @ (w * math.sqrt(2.0 / fan_in)), rtol=1e-5, atol=1e-5)
    assert np.std(w) == pytest.approx(1.0, rel=0.2)  # stored weights N(0, 1) whatever the fan-in


def test_equalized_lr_multiplier_scales_the_effective_sgd_step():
    # stored w ~ N(0, 1/m^2); effective weight m * c * w. One SGD step of size lr on the stored weight
    # moves the effective weight by lr * (m c)^2 * dL/dw_eff: m^2 times a plain layer's step
    x = np.ones((1, 4), np.float32)
    for m in (1.0, 0.1):
        layer = EqualizedDense(1, use_bias=False, lr_multiplier=m)
        layer(x)
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(layer(x))
        g = tape.gradient(loss, layer.kernel.value).numpy()
        c = math.sqrt(2.0 / 4) * m
        np.testing.assert_allclose(g, np.full((4, 1), c), rtol=1e-6)  # dL/dw = c * dL/dw_eff, dL/dw_eff = 1


def test_equalized_conv2d_equals_conv_with_scaled_kernel():
    x = np.random.default_rng(1).standard_normal((2, 6, 6, 3)).astype("float32")
    layer = EqualizedConv2D(5, 3, activation="relu")
    layer(x)
    layer.bias.assign(np.arange(5, dtype=np.float32) * 0.1)
    w = np.array(layer.kernel) * math.sqrt(2.0 / 27)
    expected = np.maximum(tf.nn.conv2d(x, w, 1, "SAME").numpy() + np.arange(5) * 0.1, 0)
    np.testing.assert_allclose(np.array(layer(x)), expected, rtol=1e-5, atol=1e-5)


def test_pixel_normalization_gives_unit_mean_square_per_position():
    x = np.random.default_rng(2).standard_normal((2, 4, 4, 8)).astype("float32") * 5
    y = np.array(PixelNormalization()(x))
    np.testing.assert_allclose(np.mean(y**2, axis=-1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(y / x, np.broadcast_to(y[..., :1] / x[..., :1], x.shape), rtol=1e-5)  # a per-position scale


def test_fade_in_blends_and_saves_alpha():
    old, new = np.zeros((1, 2), np.float32), np.ones((1, 2), np.float32) * 4
    layer = FadeIn()
    assert np.array(layer([old, new])).tolist() == [[0.0, 0.0]]
    layer.set_alpha(0.25)
    assert np.array(layer([old, new])).tolist() == [[1.0, 1.0]]
    layer.set_alpha(7)
    assert float(layer.alpha) == 1.0
