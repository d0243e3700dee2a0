"""Packing (PacGAN): D on a packed batch equals D's inner network on inputs concatenated by hand."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans import zoo
from keras_gans.layers import PackSamples
from keras_gans.networks.packing import packing_of
from keras_gans.regularizers import get_regularizer

TINY = {"generator.base_filters": 4, "discriminator.base_filters": 4, "latent_dim": 8, "precision": "float32",
        "jit_compile": False, "batch_size": 8}


def test_packing_concatenates_consecutive_samples_along_the_channels():
    x = np.random.default_rng(0).standard_normal((6, 4, 4, 3)).astype(np.float32)
    packed = PackSamples(3)(x).numpy()
    assert packed.shape == (2, 4, 4, 9)
    np.testing.assert_array_equal(packed[1], np.concatenate([x[3], x[4], x[5]], axis=-1))
    points = np.arange(12, dtype=np.float32).reshape(6, 2)
    np.testing.assert_array_equal(PackSamples(2)(points).numpy(), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])


TOY = {"generator.units": [8], "discriminator.units": [8], "precision": "float32", "jit_compile": False, "batch_size": 8}


@pytest.mark.parametrize("preset,overrides", [("dcgan", TINY), ("gaussian_ring", TOY), ("wgan_gp", TINY),
                                              ("sngan", {**TINY, "resolution": 16}), ("stylegan", None)])
def test_a_packed_discriminator_is_its_inner_network_on_hand_concatenated_inputs(preset, overrides):
    from tests.helpers import tiny_stylegan

    packing = {"discriminator.packing": 2}
    gan = tiny_stylegan(**packing) if overrides is None else zoo.load(preset, **{**overrides, **packing})  # residual D
    d = gan.discriminator
    assert packing_of(d) == 2
    shape = d.input_shape[1:]
    x = np.random.default_rng(1).standard_normal((4, *shape)).astype(np.float32)
    inner = d.layers[-1]
    by_hand = inner(np.stack([np.concatenate([x[0], x[1]], -1), np.concatenate([x[2], x[3]], -1)]), training=False)
    np.testing.assert_allclose(d(x, training=False).numpy(), by_hand.numpy(), rtol=1e-5, atol=1e-6)


def test_r1_and_the_gradient_penalty_of_a_packed_d_are_those_of_the_packed_input():
    gan = zoo.load("dcgan", **{**TINY, "discriminator.norm": "none", "discriminator.packing": 2})
    d, inner = gan.discriminator, gan.discriminator.layers[-1]
    real = tf.constant(np.random.default_rng(2).uniform(-1, 1, (4, 28, 28, 1)).astype(np.float32))
    pairs = tf.constant(np.stack([np.concatenate([real[0], real[1]], -1), np.concatenate([real[2], real[3]], -1)]))
    with tf.GradientTape() as tape:
        tape.watch(pairs)
        out = tf.reduce_sum(inner(pairs, training=True))
    by_hand = tf.reduce_sum(tf.square(tape.gradient(out, pairs)), axis=[1, 2, 3]).numpy()  # ||grad||^2 per pack
    r1 = get_regularizer({"name": "r1", "weight": 2.0})(d, real, real, keras.random.SeedGenerator(0)).numpy()
    np.testing.assert_allclose(r1, by_hand, rtol=1e-4)  # gamma / 2 = 1
    gp = get_regularizer({"name": "gradient_penalty", "weight": 1.0})(d, real, real, keras.random.SeedGenerator(0)).numpy()
    np.testing.assert_allclose(gp, (np.sqrt(by_hand) - 1.0) ** 2, rtol=1e-4)  # x_hat = real when fake = real


def test_a_packed_gan_trains_and_round_trips_through_keras_files(tmp_path):
    gan = zoo.load("dcgan", **{**TINY, "discriminator.packing": 2, "regularizers.r1.weight": 1.0,
                               "regularizers.consistency.weight": 1.0})
    x = np.random.default_rng(3).uniform(-1, 1, (16, 28, 28, 1)).astype(np.float32)
    history = gan.fit(x, batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][-1])
    path = str(tmp_path / "packed.keras")
    gan.save(path)
    loaded = keras.saving.load_model(path)
    np.testing.assert_allclose(loaded.discriminator(x[:4], training=False), gan.discriminator(x[:4], training=False), rtol=1e-6)


def test_a_batch_that_the_packing_does_not_divide_is_refused():
    with pytest.raises(ValueError, match="multiple of 3"):
        zoo.load("dcgan", **{**TINY, "discriminator.packing": 3})
    gan = zoo.load("dcgan", **{**TINY, "discriminator.packing": 4})
    with pytest.raises(ValueError, match="multiple of 4"):
        gan.fit(np.zeros((12, 28, 28, 1), np.float32), batch_size=6, epochs=1, verbose=0)


def test_packing_refuses_conditioning_and_other_networks():
    with pytest.raises(ValueError, match="conditioning"):
        zoo.load("dcgan", **{**TINY, "discriminator.packing": 2, "conditional": True, "num_classes": 3})
    with pytest.raises(ValueError, match="available for the mlp, dcgan, resnet, residual"):
        zoo.load("progressive_gan", **{"discriminator.packing": 2, "resolution": 16, "batch_size": 8})
