"""MGAN (Hoang et al. 2018): K generators sharing all but one layer, and the classifier's term by hand."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans import zoo
from keras_gans.networks.mixture import MixtureInput
from tests.helpers import images, points, tiny_image_gan, toy_gan

MIXTURE = {"model.mixture": {"generators": 3, "beta": 0.5}}


def test_generator_k_is_the_shared_network_behind_its_own_first_layer():
    gan = toy_gan(**MIXTURE)
    g = gan.generator
    first = next(layer for layer in g.layers if isinstance(layer, MixtureInput))
    shared = g.layers[-1]
    z = np.random.default_rng(0).standard_normal((5, gan.latent_dim)).astype(np.float32)
    w, b = first.kernel.numpy(), first.bias.numpy()
    for k in range(3):
        by_hand = shared(z @ w[k] + b[k], training=False).numpy()
        np.testing.assert_allclose(g([z, np.full(5, k, np.int32)], training=False).numpy(), by_hand, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(gan.generate(z=z, generator=k), by_hand, rtol=1e-5, atol=1e-6)
    assert not np.allclose(w[0], w[1])  # the generators start apart


def test_all_but_last_shares_the_body_and_gives_each_generator_its_last_layer():
    gan = tiny_image_gan("dcgan", **{"model.mixture": {"generators": 2, "shared": "all_but_last"}})
    g = gan.generator
    heads = [layer for layer in g.layers if layer.name.startswith("deconv_") and layer.name[-2] == "_"]
    assert len(heads) == 2 and heads[0].kernel.shape == heads[1].kernel.shape
    z = np.random.default_rng(1).standard_normal((4, gan.latent_dim)).astype(np.float32)
    a, b = (g([z, np.full(4, k, np.int32)], training=False).numpy() for k in (0, 1))
    assert a.shape == (4, 28, 28, 1) and not np.allclose(a, b)


def test_the_classifier_term_of_d_and_g_is_beta_times_the_cross_entropy_on_the_fakes():
    gan = toy_gan(**MIXTURE, **{"optimizers.d": {"name": "sgd", "learning_rate": 0.0},
                                "optimizers.g": {"name": "sgd", "learning_rate": 0.0}})
    z = tf.constant(np.random.default_rng(2).standard_normal((6, gan.latent_dim)), tf.float32)
    k = tf.constant([0, 1, 2, 0, 1, 2], tf.int32)
    real = tf.constant(points(6))
    fake = gan.generator([z, k], training=True)
    _, d_logs = gan.discriminator_objective(real, fake, None, k)
    _, g_logs = gan.generator_objective(real, z, fake, None, k)
    _, features = gan.auxiliary.features_and_logit(fake, training=True)
    logits = gan.auxiliary.head(features).numpy()
    log_p = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    by_hand = -0.5 * log_p[np.arange(6), k.numpy()]  # beta x the cross-entropy at each fake's generator
    np.testing.assert_allclose(d_logs["d_class_loss"].numpy(), by_hand, rtol=1e-5)
    np.testing.assert_allclose(g_logs["g_class_loss"].numpy(), by_hand, rtol=1e-5)


def test_a_mixture_trains_samples_a_chosen_generator_and_round_trips(tmp_path):
    gan = tiny_image_gan("dcgan", **MIXTURE)
    gan.fit(images(16), batch_size=8, epochs=1, verbose=0)
    assert gan.generate(4, generator=2, seed=0).shape == (4, 28, 28, 1)
    path = str(tmp_path / "mgan.keras")
    gan.save(path)
    loaded = keras.saving.load_model(path)
    z = np.random.default_rng(3).standard_normal((4, gan.latent_dim)).astype(np.float32)
    np.testing.assert_allclose(loaded.generate(z=z, generator=1), gan.generate(z=z, generator=1), rtol=1e-6)
    with pytest.raises(ValueError, match="0..2"):
        gan.generate(4, generator=3)
    with pytest.raises(ValueError, match="one generator"):
        tiny_image_gan("dcgan").generate(4, generator=0)


def test_a_mixture_refuses_conditioning():
    with pytest.raises(ValueError, match="cannot be combined"):
        tiny_image_gan("dcgan", **MIXTURE, conditional=True, num_classes=3)


def test_the_export_serves_the_mixture_and_a_chosen_generator(tmp_path):
    from keras_gans.export import hashed_generator, to_uint8

    gan = tiny_image_gan("dcgan", **MIXTURE)
    path = gan.export_generator(str(tmp_path / "generator"))
    loaded = tf.saved_model.load(path)
    z = np.random.default_rng(4).standard_normal((6, gan.latent_dim)).astype(np.float32)
    k = np.array([0, 1, 2, 2, 1, 0], np.int32)
    expected = to_uint8(gan.generate(z=z, generator=k)).numpy()
    np.testing.assert_array_equal(loaded.signatures["serve_generator"](z=z, generator=k)["images"].numpy(), expected)
    picked = hashed_generator(tf.constant(z), 3).numpy()
    np.testing.assert_array_equal(loaded.signatures["serve"](z=z)["images"].numpy(),
                                  to_uint8(gan.generate(z=z, generator=picked)).numpy())
    many = hashed_generator(tf.constant(np.random.default_rng(5).standard_normal((3000, 8)), tf.float32), 3).numpy()
    counts = np.bincount(many, minlength=3)
    chi2 = float(((counts - 1000.0) ** 2 / 1000.0).sum())
    assert chi2 < 13.8  # uniform over the 3 generators: p > 0.001 (2 degrees of freedom)
