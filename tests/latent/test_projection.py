"""Projection (GAN inversion) against independent values: least squares for a linear generator, a generator's own
images recovered, StyleGAN2's noise regulariser by hand, the images fitted to G's shape."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.latent import Projector
from keras_gans.latent.target_images import fit_images
from tests.helpers import tiny_image_gan, tiny_stylegan


def _linear_generator(a):
    z = keras.Input((a.shape[1],))
    dense = keras.layers.Dense(a.shape[0], use_bias=False)
    out = keras.layers.Reshape((4, 4, 1))(dense(z))
    model = keras.Model(z, out)
    dense.set_weights([a.T])
    return model


def test_a_linear_generator_projects_to_the_least_squares_latent():
    rng = np.random.default_rng(0)
    a = rng.standard_normal((16, 3)).astype(np.float32) * 0.3
    target = rng.uniform(-1, 1, (2, 4, 4, 1)).astype(np.float32)  # not in G's range: the nearest point is lstsq
    expected = np.stack([np.linalg.lstsq(a.astype(np.float64), t.reshape(-1).astype(np.float64), rcond=None)[0] for t in target])
    result = Projector(_linear_generator(a), steps=400, learning_rate=0.1, candidates=4).project(target)
    np.testing.assert_allclose(result.latents, expected, atol=2e-2)
    best = np.mean((np.einsum("pd,nd->np", a, expected) - target.reshape(2, -1)) ** 2, axis=1)
    np.testing.assert_allclose(result.pixel_mse, best, rtol=1e-2, atol=1e-5)
    assert result.feature_distance.tolist() == [0.0, 0.0]


def test_the_generators_own_images_are_recovered():
    gan = tiny_image_gan("dcgan")
    gan.fit(np.random.default_rng(0).uniform(-1, 1, (16, 28, 28, 1)).astype(np.float32), batch_size=8, epochs=2, verbose=0)
    targets = gan.generate(4, seed=3)
    result = gan.project(targets, steps=150, extractor="none")
    random_mse = np.mean((gan.generate(4, seed=9) - targets) ** 2, axis=(1, 2, 3))
    assert result.images.shape == targets.shape and result.latents.shape == (4, 8)
    assert np.all(result.pixel_mse < 0.05 * random_mse), (result.pixel_mse, random_mse)
    np.testing.assert_allclose(result.images, gan.generate(z=result.latents), atol=1e-5)  # the latent makes the image


def test_features_enter_the_distance_as_unit_vectors():
    projector = Projector(_linear_generator(np.ones((16, 2), np.float32)), features=lambda x: tf.reshape(x, [-1, 16]) * 7.0)
    x = np.zeros((1, 4, 4, 1), np.float32)
    x[0, 0, 0, 0] = 1.0
    y = np.zeros((1, 4, 4, 1), np.float32)
    y[0, 1, 1, 0] = 2.0
    total, pixel, feature = (v.numpy() for v in projector.distances(x, y))
    np.testing.assert_allclose(pixel, [(1 + 4) / 16])
    np.testing.assert_allclose(feature, [2.0])  # two orthogonal unit vectors: |u - v|^2 = 2
    np.testing.assert_allclose(total, pixel + feature)


def test_the_noise_regulariser_by_hand():
    checker = (np.indices((16, 16)).sum(0) % 2 * 2 - 1).astype(np.float32).reshape(1, 16, 16, 1)
    # at 16x16 each shift correlates to -1 (two terms of 1); pooled to 8x8 the map is 0
    assert float(Projector._noise_penalty([tf.constant(checker)])) == pytest.approx(2.0)
    stripes = np.tile(np.array([1.0, -1.0], np.float32), 4).reshape(1, 1, 8, 1).repeat(8, axis=1)
    # rows equal (correlation 1 down), columns alternate (-1 across): 1 + 1
    assert float(Projector._noise_penalty([tf.constant(stripes)])) == pytest.approx(2.0)


def test_a_style_generator_projects_in_w_plus_with_its_noise_and_keeps_its_own_noise():
    gan = tiny_stylegan()
    gan.fit(np.random.default_rng(0).uniform(-1, 1, (16, 16, 16, 1)).astype(np.float32), batch_size=8, epochs=2, verbose=0)
    net = gan.sampling_generator  # (the style affines start at zero: trained steps make G depend on w)
    noise_before = [np.array(w) for w in net.weights if w.path.endswith("const_noise")]
    targets = np.tanh(np.random.default_rng(1).standard_normal((2, 16, 16, 1))).astype(np.float32)
    start = Projector(net, space="w+", steps=1, learning_rate=0.0).project(targets)
    result = gan.project(targets, steps=60, space="w+", extractor="none")
    assert result.latents.shape == (2, net.num_ws, 8) and len(result.noise) == 2
    assert np.all(result.distance < 0.9 * start.distance), (result.distance, start.distance)
    assert all(np.array_equal(np.array(w), b) for w, b in zip([w for w in net.weights if w.path.endswith("const_noise")],
                                                               noise_before))
    for maps in result.noise:  # renormalised after every step
        for m in maps:
            assert abs(m.mean()) < 1e-4 and abs(m.std() - 1) < 1e-3


def test_projection_refuses_what_it_cannot_do():
    gan = tiny_image_gan("dcgan")
    with pytest.raises(ValueError, match=r"\(28, 28, 1\)"):
        gan.project(np.zeros((1, 32, 32, 1), np.float32), steps=1)
    with pytest.raises(ValueError, match="style-based"):
        gan.project(np.zeros((1, 28, 28, 1), np.float32), steps=1, space="w")
    conditional = tiny_image_gan("dcgan", conditional=True, num_classes=3)
    with pytest.raises(ValueError, match="labels"):
        conditional.project(np.zeros((1, 28, 28, 1), np.float32), steps=1)


def test_images_are_fitted_to_the_generators_shape_with_notes():
    rgb = np.zeros((56, 56, 3), np.uint8)
    rgb[..., 0], rgb[..., 1], rgb[..., 2] = 200, 100, 50
    fitted, notes = fit_images([rgb], (28, 28, 1))
    luminance = 0.2989 * 200 + 0.587 * 100 + 0.114 * 50
    np.testing.assert_allclose(fitted, np.full((1, 28, 28, 1), luminance / 127.5 - 1), atol=2e-3)
    assert notes == [["RGB converted to grayscale", "resized from 56x56 to 28x28"]]
    gray = np.full((28, 28), 255, np.uint8)
    fitted, notes = fit_images([gray], (28, 28, 3))
    assert fitted.shape == (1, 28, 28, 3) and np.allclose(fitted, 1.0) and notes == [["grayscale copied into RGB"]]
    rgba = np.zeros((28, 28, 4), np.uint8)
    assert fit_images([rgba], (28, 28, 3))[1] == [["alpha channel dropped"]]
    assert fit_images([np.zeros((28, 28, 3), np.uint8)], (28, 28, 3))[1] == [[]]
