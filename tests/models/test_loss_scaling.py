"""``precision="mixed_float16"``: one dynamic loss-scale optimizer per player, checkpointed; an overflowing
scale skips the update and halves; penalties keep float32 accuracy."""

import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.callbacks import RunCheckpoint
from keras_gans.regularizers.gradient_norm import input_gradient_sq_norm
from tests.helpers import images, tiny_image_gan, weights

F16 = {"precision": "mixed_float16", "regularizers.r1.weight": 1.0, "model.ema_decay": 0.9}


def _fit(gan, steps=4):
    ds = tf.data.Dataset.from_tensor_slices(images(32)).repeat().batch(8, drop_remainder=True).take(steps)
    gan.fit(ds, epochs=1, verbose=0)
    return gan


def test_each_player_has_a_loss_scale_optimizer_and_a_tiny_run_stays_finite():
    gan = tiny_image_gan("wgan_gp", **F16)
    assert all(isinstance(o, keras.optimizers.LossScaleOptimizer) for o in (gan.d_optimizer, gan.g_optimizer))
    assert gan.generator.layers[-2].dtype_policy.compute_dtype == "float16"
    fresh = weights(gan)
    _fit(gan)
    assert all(np.isfinite(w).all() for w in weights(gan))
    assert max(np.max(np.abs(a - b)) for a, b in zip(weights(gan), fresh)) > 1e-4  # it trained


def test_an_overflowing_scale_skips_the_update_and_halves_until_it_fits():
    gan = tiny_image_gan("dcgan", **F16)
    gan.d_optimizer.dynamic_scale.assign(2.0**40)  # every scaled gradient overflows float16 (max 65504)
    d_before = weights(gan.discriminator)
    _fit(gan, steps=1)
    assert float(gan.d_optimizer.dynamic_scale.numpy()) == 2.0**39  # halved once
    assert int(gan.d_optimizer.iterations.numpy()) == 0  # the update was skipped ...
    trainable = {id(v) for v in gan.discriminator.trainable_variables}
    for v, b in zip(gan.discriminator.weights, d_before):
        if id(v) in trainable:
            np.testing.assert_array_equal(np.array(v), b)  # ... and D's weights are untouched
    _fit(gan, steps=40)  # halving by 2 per overflow reaches a scale that fits, and D trains
    assert float(gan.d_optimizer.dynamic_scale.numpy()) < 2.0**16
    assert int(gan.d_optimizer.iterations.numpy()) > 0 and all(np.isfinite(w).all() for w in weights(gan))


def test_the_scales_are_checkpointed(tmp_path):
    gan = tiny_image_gan("dcgan", **F16)
    gan.d_optimizer.dynamic_scale.assign(1024.0)
    gan.g_optimizer.dynamic_scale.assign(64.0)
    ckpt = RunCheckpoint(gan, str(tmp_path))
    ckpt.save()
    gan.d_optimizer.dynamic_scale.assign(1.0)
    gan.g_optimizer.dynamic_scale.assign(1.0)
    ckpt.restore()
    assert (float(gan.d_optimizer.dynamic_scale.numpy()), float(gan.g_optimizer.dynamic_scale.numpy())) == (1024.0, 64.0)


def test_the_input_gradient_penalty_in_float16_matches_float32():
    """The same discriminator in float32 and in mixed_float16, its kernels scaled down so that per-pixel input
    gradients sit near 3e-6, in float16's subnormal range: ||grad_x D(x)||^2 agrees within 0.1% (measured
    0.04%; without the penalty's own scale of the backward pass 0.2%)."""
    d32 = tiny_image_gan("dcgan", precision="float32").discriminator
    d16 = tiny_image_gan("dcgan", precision="mixed_float16").discriminator
    for v in d32.trainable_variables:
        if "kernel" in v.path and "deconv" not in v.path:
            v.assign(v * 0.05)
    d16.set_weights(d32.get_weights())
    x = images(8)
    exact = input_gradient_sq_norm(d32, x).numpy()
    assert np.median(np.sqrt(exact) / x[0].size ** 0.5) < 1e-5  # per-pixel gradients under float16's normal range (6e-5)
    np.testing.assert_allclose(input_gradient_sq_norm(d16, x).numpy(), exact, rtol=1e-3)


@pytest.mark.skipif(bool(tf.config.list_physical_devices("GPU") or tf.config.list_logical_devices("TPU")),
                    reason="the warning is for CPUs")
def test_mixed_float16_on_a_cpu_warns_and_names_auto():
    from keras_gans.runtime import resolve_precision

    with pytest.warns(UserWarning, match=r"emulated.*precision='auto'"):
        assert resolve_precision("mixed_float16") == "mixed_float16"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolve_precision("float32")  # no warning for what a CPU does well
