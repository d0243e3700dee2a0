import numpy as np
import pytest
import tensorflow as tf

from keras_gans.layers import UnrolledConv2D


@pytest.mark.parametrize("size,k,stride,padding", [(4, 5, 2, "same"), (4, 4, 2, "same"), (5, 3, 1, "same"), (7, 3, 2, "valid"), (6, 5, 2, "same")])
def test_equals_tf_conv2d_in_value_and_gradient(size, k, stride, padding):
    rng = np.random.default_rng(0)
    x = tf.constant(rng.standard_normal((3, size, size, 2)), tf.float32)
    layer = UnrolledConv2D(4, k, strides=stride, padding=padding)
    layer.build(x.shape)
    layer.bias.assign(rng.standard_normal(4).astype(np.float32))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = layer(x)
        ref = tf.nn.conv2d(x, layer.kernel.value, stride, padding.upper()) + layer.bias.value
        loss_y, loss_ref = tf.reduce_sum(tf.sin(y)), tf.reduce_sum(tf.sin(ref))
    assert y.shape == ref.shape == layer.compute_output_shape(x.shape)
    np.testing.assert_allclose(y.numpy(), ref.numpy(), rtol=1e-5, atol=1e-5)
    for a, b in zip(tape.gradient(loss_y, [x, layer.kernel.value]), tape.gradient(loss_ref, [x, layer.kernel.value])):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-4, atol=1e-5)


def test_config_round_trip():
    layer = UnrolledConv2D(8, 5, strides=2, use_bias=False)
    clone = UnrolledConv2D.from_config(layer.get_config())
    assert (clone.filters, clone.kernel_size, clone.strides, clone.use_bias) == (8, 5, 2, False)


def test_keras_save_and_load_of_a_critic_that_uses_it(tmp_path):
    import keras

    from keras_gans.networks import dcgan_discriminator

    d = dcgan_discriminator(resolution=32, channels=1, base_filters=2, kernel_size=5, final_size=2, norm="none")
    assert any(isinstance(layer, UnrolledConv2D) for layer in d.layers)  # the 4x4 -> 2x2 layer
    x = np.random.default_rng(0).uniform(-1, 1, (3, 32, 32, 1)).astype(np.float32)
    path = str(tmp_path / "d.keras")
    d.save(path)
    np.testing.assert_allclose(keras.models.load_model(path)(x).numpy(), d(x).numpy(), rtol=1e-5, atol=1e-6)
