"""AdaIN, ModulatedConv2D, NoiseInjection."""

import keras
import numpy as np
import tensorflow as tf

from keras_gans.layers import AdaIN, ModulatedConv2D, NoiseInjection


def test_adain_sets_each_channels_statistics_to_the_style():
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((2, 8, 8, 3)) * 4 + 2).astype("float32")
    w = rng.standard_normal((2, 5)).astype("float32")
    layer = AdaIN(epsilon=0.0)
    layer([x, w])
    y = np.array(layer([x, w]))
    np.testing.assert_allclose(y.mean((1, 2)), 0.0, atol=1e-5)  # zero style maps: plain instance norm
    np.testing.assert_allclose(y.std((1, 2)), 1.0, rtol=1e-4)
    layer.style_scale.kernel.assign(rng.standard_normal((5, 3)).astype("float32"))
    layer.style_bias.kernel.assign(rng.standard_normal((5, 3)).astype("float32"))
    y = np.array(layer([x, w]))
    scale = 1 + w @ np.array(layer.style_scale.kernel)
    bias = w @ np.array(layer.style_bias.kernel)
    np.testing.assert_allclose(y.mean((1, 2)), bias, atol=1e-4)
    np.testing.assert_allclose(y.std((1, 2)), np.abs(scale), rtol=1e-3)


def test_modulated_conv_equals_per_sample_modulated_demodulated_kernels():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 6, 6, 4)).astype("float32")
    w = rng.standard_normal((3, 7)).astype("float32")
    layer = ModulatedConv2D(5, 3)
    layer([x, w])
    layer.style.kernel.assign(0.3 * rng.standard_normal((7, 4)).astype("float32"))
    y = np.array(layer([x, w]))
    s = 1 + w @ np.array(layer.style.kernel)
    base = np.array(layer.kernel) * layer.scale
    for i in range(3):  # StyleGAN2 eq. 1 and 3, one explicit kernel per sample
        k = base * s[i][None, None, :, None]
        k = k / np.sqrt(np.sum(k**2, axis=(0, 1, 2), keepdims=True) + 1e-8)
        np.testing.assert_allclose(y[i], tf.nn.conv2d(x[i : i + 1], k, 1, "SAME").numpy()[0], rtol=1e-4, atol=1e-4)


def test_demodulation_keeps_unit_variance():
    keras.utils.set_random_seed(2)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((8, 32, 32, 16)).astype("float32")
    w = rng.standard_normal((8, 4)).astype("float32")
    layer = ModulatedConv2D(16, 3)
    layer([x, w])
    layer.style.kernel.assign(2.0 * rng.standard_normal((4, 16)).astype("float32"))  # strong styles
    y = np.array(layer([x, w]))
    np.testing.assert_allclose(y[:, 1:-1, 1:-1].std((1, 2)), 1.0, rtol=0.1)


def test_noise_injection_is_per_pixel_with_per_channel_scale():
    x = np.zeros((2, 4, 4, 3), np.float32)
    noise = np.random.default_rng(3).standard_normal((2, 4, 4, 1)).astype("float32")
    layer = NoiseInjection()
    np.testing.assert_array_equal(np.array(layer([x, noise])), x)  # scale starts at 0
    layer.noise_scale.assign([1.0, -2.0, 0.5])
    y = np.array(layer([x, noise]))
    np.testing.assert_allclose(y, noise * np.array([1.0, -2.0, 0.5]), rtol=1e-6)
    drawn = np.array(layer(x))  # its own noise: one map shared by the channels
    np.testing.assert_allclose(drawn[..., 1], -2.0 * drawn[..., 0], rtol=1e-5)
