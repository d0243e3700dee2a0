"""Class accuracy and intra-FID against hand computations."""

import numpy as np
import pytest
from scipy import linalg

from keras_gans.metrics.class_accuracy import class_accuracy
from keras_gans.metrics.intra_fid import intra_fid


def test_class_accuracy_counts_the_samples_the_classifier_puts_in_their_class():
    logits = np.array([[3, 1, 0], [0, 2, 1], [1, 0, 5], [4, 0, 0], [0, 0, 1]], float)  # argmax 0, 1, 2, 0, 2
    labels = np.array([0, 1, 1, 0, 2])
    out = class_accuracy(logits, labels)
    assert out["accuracy"] == pytest.approx(4 / 5)
    assert out["per_class"] == {0: 1.0, 1: 0.5, 2: 1.0}
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 3\)"):
        class_accuracy(logits, np.array([0, 1, 3, 0, 2]))


def _fid(a, b):
    """FID by hand: |mu_a - mu_b|^2 + Tr(S_a + S_b - 2 (S_a S_b)^(1/2)), unbiased covariances, scipy's sqrtm."""
    sa, sb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root = linalg.sqrtm(sa @ sb).real
    return float(np.sum((a.mean(0) - b.mean(0)) ** 2) + np.trace(sa + sb - 2 * root))


def test_intra_fid_is_the_mean_of_the_per_class_fids():
    rng = np.random.default_rng(0)
    real_labels, fake_labels = np.repeat([0, 1, 2], 200), np.repeat([0, 1, 2], 150)
    real = rng.normal(size=(600, 4)) + real_labels[:, None]
    fake = rng.normal(size=(450, 4)) * 1.3 + fake_labels[:, None] * 0.8
    out = intra_fid(real, real_labels, fake, fake_labels)
    expected = {c: _fid(real[real_labels == c], fake[fake_labels == c]) for c in range(3)}
    for c in range(3):
        assert out["per_class"][c] == pytest.approx(expected[c], rel=1e-6)
    assert out["intra_fid"] == pytest.approx(np.mean(list(expected.values())), rel=1e-6)
    shuffled = intra_fid(real, real_labels, fake, rng.permutation(fake_labels))  # classes mixed up
    assert shuffled["intra_fid"] > out["intra_fid"]
    with pytest.raises(ValueError, match=r"classes \[2\] are missing"):
        intra_fid(real, real_labels, fake[:300], fake_labels[:300])


class _SideClassifier:
    """A classifier of 2-D points by the side of the y axis they lie on: class 0 left, class 1 right."""

    def logits(self, points):
        return np.stack([-points[:, 0], points[:, 0]], 1)


def _conditional_toy_gan():
    from keras_gans.models import GAN
    from keras_gans.networks import mlp_discriminator, mlp_generator

    g = mlp_generator(latent_dim=2, units=(8,), conditioning="embed", num_classes=2)
    g.get_layer("class_embedding").set_weights([np.array([[-3.0, 0.0], [3.0, 0.0]], "float32")])
    return GAN(g, mlp_discriminator(units=(8,), conditioning="projection", num_classes=2), num_classes=2)


def test_the_evaluation_scores_the_samples_at_the_labels_they_were_drawn_for():
    from keras_gans.metrics.evaluation import Evaluation
    from keras_gans.metrics.extractors import IdentityExtractor

    gan, rng = _conditional_toy_gan(), np.random.default_rng(0)
    real_y = rng.integers(0, 2, 400)
    real_x = (np.stack([np.where(real_y == 0, -1.0, 1.0), np.zeros(400)], 1) + 0.3 * rng.standard_normal((400, 2))).astype("float32")
    ev = Evaluation(gan, lambda n: real_x[:n], IdentityExtractor(), n=300, seed=4, mode_classifier=_SideClassifier(),
                    labelled_real_samples=lambda n: (real_x[:n], real_y[:n]))
    out = ev.run(["accuracy", "intra_fid"])
    labels = gan.labels_for(300, None, 4)  # drawn from label_distribution with the evaluation's seed
    np.testing.assert_array_equal(ev.labels, labels)
    samples = gan.generate(300, seed=4, labels=labels)
    assert out["accuracy"] == pytest.approx(np.mean((samples[:, 0] > 0) == (labels == 1)))
    expected = intra_fid(real_x[:300], real_y[:300], samples, labels)
    assert out["intra_fid"] == pytest.approx(expected["intra_fid"], rel=1e-6)
    assert set(out["intra_fid_per_class"]) == {0, 1}


def test_the_class_metrics_refuse_an_unconditional_gan():
    from keras_gans.metrics.evaluation import Evaluation
    from keras_gans.metrics.extractors import IdentityExtractor
    from tests.helpers import toy_gan

    ev = Evaluation(toy_gan(), lambda n: np.zeros((n, 2), "float32"), IdentityExtractor(), n=50, mode_classifier=_SideClassifier())
    with pytest.raises(ValueError, match="'accuracy' scores a conditional GAN's classes; this GAN is unconditional"):
        ev.run(["accuracy"])
