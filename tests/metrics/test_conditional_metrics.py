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
