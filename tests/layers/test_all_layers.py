"""Every layer: mixed_float16, inside an XLA-compiled function; mixed_bfloat16 as its own policy; a .keras round trip."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans import layers as L

IMG, W, LABELS = (2, 8, 8, 8), (2, 4), (2,)

CASES = {  # each takes the layer's dtype policy (None: the global one)
    "SpectralNormalization": (lambda d: L.SpectralNormalization(keras.layers.Conv2D(4, 3, padding="same", dtype=d), dtype=d), [IMG]),
    "MinibatchDiscrimination": (lambda d: L.MinibatchDiscrimination(4, 3, dtype=d), [(2, 6)]),
    "MinibatchStdDev": (lambda d: L.MinibatchStdDev(2, dtype=d), [IMG]),
    "SelfAttention": (lambda d: L.SelfAttention(spectral_norm=True, dtype=d), [IMG]),
    "EqualizedDense": (lambda d: L.EqualizedDense(3, dtype=d), [(2, 6)]),
    "EqualizedConv2D": (lambda d: L.EqualizedConv2D(4, 3, dtype=d), [IMG]),
    "PixelNormalization": (lambda d: L.PixelNormalization(dtype=d), [IMG]),
    "FadeIn": (lambda d: L.FadeIn(0.3, dtype=d), [IMG, IMG]),
    "AdaIN": (lambda d: L.AdaIN(dtype=d), [IMG, W]),
    "ModulatedConv2D": (lambda d: L.ModulatedConv2D(4, dtype=d), [IMG, W]),
    "NoiseInjection": (lambda d: L.NoiseInjection(seed=1, dtype=d), [IMG]),
    "VirtualBatchNormalization": (lambda d: L.VirtualBatchNormalization(1, dtype=d), [IMG]),
    "ConditionalBatchNormalization": (lambda d: L.ConditionalBatchNormalization(3, dtype=d), [IMG, LABELS]),
    "ClassProjection": (lambda d: L.ClassProjection(3, dtype=d), [W, LABELS]),
    "UnrolledConv2D": (lambda d: L.UnrolledConv2D(4, 3, strides=2, padding="same", dtype=d), [IMG]),
}


def model_for(name, dtype=None):
    make, shapes = CASES[name]
    inputs = [keras.Input(s[1:], batch_size=s[0], dtype="int32" if s is LABELS else "float32") for s in shapes]
    out = make(dtype)(inputs if len(inputs) > 1 else inputs[0])
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
def test_a_mixed_bfloat16_layer_computes_in_bfloat16_under_a_float32_default(name):
    # how the presets build their networks: a policy per layer, the global one left at float32, so a
    # layer's inner layers must take its policy (SAGAN's attention block once ran them in float32)
    model, shapes = model_for(name, dtype="mixed_bfloat16")
    x = data_for(shapes)
    y = model(x if len(x) > 1 else x[0], training=True)
    assert y.dtype == tf.bfloat16 and np.all(np.isfinite(np.array(tf.cast(y, tf.float32))))


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
