"""Every layer: mixed_float16, inside an XLA-compiled function, and a .keras round trip."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans import layers as L

IMG, W, LABELS = (2, 8, 8, 8), (2, 4), (2,)

CASES = {
    "SpectralNormalization": (lambda: L.SpectralNormalization(keras.layers.Conv2D(4, 3, padding="same")), [IMG]),
    "MinibatchDiscrimination": (lambda: L.MinibatchDiscrimination(4, 3), [(2, 6)]),
    "MinibatchStdDev": (lambda: L.MinibatchStdDev(2), [IMG]),
    "SelfAttention": (lambda: L.SelfAttention(spectral_norm=True), [IMG]),
    "EqualizedDense": (lambda: L.EqualizedDense(3), [(2, 6)]),
    "EqualizedConv2D": (lambda: L.EqualizedConv2D(4, 3), [IMG]),
    "PixelNormalization": (lambda: L.PixelNormalization(), [IMG]),
    "FadeIn": (lambda: L.FadeIn(0.3), [IMG, IMG]),
    "AdaIN": (lambda: L.AdaIN(), [IMG, W]),
    "ModulatedConv2D": (lambda: L.ModulatedConv2D(4), [IMG, W]),
    "NoiseInjection": (lambda: L.NoiseInjection(seed=1), [IMG]),
    "VirtualBatchNormalization": (lambda: L.VirtualBatchNormalization(1), [IMG]),
    "ConditionalBatchNormalization": (lambda: L.ConditionalBatchNormalization(3), [IMG, LABELS]),
    "UnrolledConv2D": (lambda: L.UnrolledConv2D(4, 3, strides=2, padding="same"), [IMG]),
}


def model_for(name):
    make, shapes = CASES[name]
    inputs = [keras.Input(s[1:], batch_size=s[0], dtype="int32" if s is LABELS else "float32") for s in shapes]
    out = make()(inputs if len(inputs) > 1 else inputs[0])
    return keras.Model(inputs, out), shapes


def data_for(shapes, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 3, s).astype("int32") if s is LABELS else rng.standard_normal(s).astype("float32") for s in shapes]


@pytest.mark.parametrize("name", sorted(CASES))
def test_mixed_float16_inside_xla(name):
    keras.config.set_dtype_policy("mixed_float16")
    try:
        model, shapes = model_for(name)
        x = data_for(shapes)
        step = tf.function(lambda *t: model(list(t) if len(t) > 1 else t[0], training=True), jit_compile=True)
        y = step(*x)
        assert y.dtype == tf.float16 and np.all(np.isfinite(np.array(y, np.float32)))
    finally:
        keras.config.set_dtype_policy("float32")


@pytest.mark.parametrize("name", sorted(CASES))
def test_keras_round_trip(name, tmp_path):
    model, shapes = model_for(name)
    x = data_for(shapes, seed=1)
    feed = x if len(x) > 1 else x[0]
    model(feed, training=True)  # moves any state (u, batch statistics) away from its initial value
    path = tmp_path / f"{name}.keras"
    model.save(path)
    back = keras.models.load_model(path)
    if name == "NoiseInjection":  # random by design: compare the learned scale instead
        np.testing.assert_array_equal(np.array(back.layers[-1].noise_scale), np.array(model.layers[-1].noise_scale))
        return
    np.testing.assert_allclose(np.array(back(feed, training=False)), np.array(model(feed, training=False)), rtol=1e-5, atol=1e-6)
