"""Feature extractors (domain classifier, Inception from a local module) and cached reference statistics."""

import os

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.metrics import DomainClassifier, ExtractorUnavailable, InceptionExtractor, ReferenceStatistics, build_classifier
from keras_gans.metrics.extractors import resolve_extractor


@pytest.fixture(scope="module")
def classifier_file(tmp_path_factory):
    keras.utils.set_random_seed(0)
    path = str(tmp_path_factory.mktemp("clf") / "digits.keras")
    build_classifier((28, 28, 1), 10, feature_dim=16, width=4).save(path)
    return path


def test_domain_classifier_features_are_the_penultimate_layer(classifier_file):
    extractor = DomainClassifier(classifier_file)
    x = np.random.default_rng(0).uniform(-1, 1, (30, 28, 28, 1)).astype(np.float32)
    feats, logits = extractor(x, batch_size=7)  # batches of 7: the last one is short
    model = keras.models.load_model(classifier_file)
    expected = keras.Model(model.inputs, model.get_layer("features").output)(x, training=False)
    np.testing.assert_allclose(feats, np.asarray(expected), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(logits, np.asarray(model(x, training=False)), rtol=1e-5, atol=1e-6)
    assert feats.shape == (30, 16) and extractor.id.startswith("domain:")


def test_crop_or_pad_undoes_padding(classifier_file):
    x = np.random.default_rng(1).uniform(-1, 1, (8, 28, 28, 1)).astype(np.float32)
    padded = np.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)), constant_values=-1.0)
    extractor = DomainClassifier(classifier_file, resize="crop_or_pad")
    np.testing.assert_allclose(extractor.features(padded), extractor.features(x), rtol=1e-6, atol=1e-6)


def test_domain_classifier_errors(tmp_path, classifier_file):
    with pytest.raises(ExtractorUnavailable, match="train_feature_extractor"):
        DomainClassifier(str(tmp_path / "missing.keras"))
    with pytest.raises(ValueError, match="1-channel"):
        DomainClassifier(classifier_file).features(np.zeros((2, 28, 28, 3), np.float32))


class ChannelMeans(tf.Module):
    """A stand-in Inception module with the TF-Hub module's interface: pool_3 = per-channel means,
    logits = the spatial size it received."""

    @tf.function(input_signature=[tf.TensorSpec([None, None, None, 3], tf.float32)])
    def __call__(self, images):
        n = tf.shape(images)[0]
        size = tf.cast(tf.shape(images)[1:3], tf.float32)
        return {"pool_3": tf.reduce_mean(images, axis=[1, 2], keepdims=True), "logits": tf.tile(size[None], [n, 1])}


def test_inception_extractor_resizes_tiles_and_reads_pool_3(tmp_path):
    path = str(tmp_path / "inception")
    tf.saved_model.save(ChannelMeans(), path)
    extractor = InceptionExtractor(path)
    gray = np.stack([np.full((32, 32, 1), v, np.float32) for v in (-0.5, 0.25)])
    feats, logits = extractor(gray)
    np.testing.assert_allclose(feats, [[-0.5] * 3, [0.25] * 3], atol=1e-6)  # tiled to RGB
    np.testing.assert_array_equal(logits, [[299, 299], [299, 299]])  # bilinear resize to 299x299
    assert extractor.id == f"inception_v3:{path}"


def test_inception_extractor_without_weights_says_how_to_get_them(tmp_path):
    extractor = InceptionExtractor(str(tmp_path / "nowhere"))  # constructing never loads
    with pytest.raises(ExtractorUnavailable, match="tf-hub-format=compressed"):
        extractor.features(np.zeros((1, 8, 8, 3), np.float32))


def test_resolve_extractor_auto():
    assert resolve_extractor("auto", (2,)).id == "identity"
    assert resolve_extractor("auto", (32, 32, 3)).id.startswith("inception_v3:")
    with pytest.raises(ValueError, match="unknown extractor"):
        resolve_extractor("vgg", (28, 28, 1))


def test_reference_statistics_round_trip_and_cache(tmp_path):
    feats = np.random.default_rng(2).standard_normal((50, 4))
    stats = ReferenceStatistics(feats, "domain:abc", "mnist", "train")
    path = stats.save(str(tmp_path / "s.npz"))
    back = ReferenceStatistics.load(path)
    np.testing.assert_allclose(back.mean, feats.mean(0))
    np.testing.assert_allclose(back.cov, np.cov(feats, rowvar=False))
    assert (back.n, back.extractor_id, back.dataset, back.split) == (50, "domain:abc", "mnist", "train")

    calls = []
    compute = lambda: calls.append(1) or feats  # noqa: E731
    first = ReferenceStatistics.cached("domain:abc", "mnist", "train", 50, compute, cache_dir=str(tmp_path))
    second = ReferenceStatistics.cached("domain:abc", "mnist", "train", 50, compute, cache_dir=str(tmp_path))
    assert len(calls) == 1  # the real side is computed once
    np.testing.assert_allclose(second.cov, first.cov)
    assert len(os.listdir(tmp_path)) == 2


def test_reference_statistics_refuse_another_extractor(tmp_path):
    stats = ReferenceStatistics(np.eye(3), "domain:abc", "mnist", "train")
    with pytest.raises(ValueError, match="not comparable"):
        stats.check_extractor("inception_v3:x")
    path = ReferenceStatistics.cache_path(str(tmp_path), "mnist", "train", 3, "domain:new")
    stats.save(path)  # a file whose name says one extractor but whose content says another
    with pytest.raises(ValueError, match="not comparable"):
        ReferenceStatistics.cached("domain:new", "mnist", "train", 3, lambda: np.eye(3), cache_dir=str(tmp_path))
