"""FID, KID and IS through TF-GAN against independent numpy/scipy computations and closed forms."""

import sys

import numpy as np
import pytest
import scipy.linalg
from scipy.special import log_softmax, softmax

from keras_gans.metrics import fid_from_activations, fid_from_statistics, inception_score_from_logits, kid_from_activations
from keras_gans.metrics.tfgan import classifier_metrics


def gaussian_features(n, d, seed, shift=0.0):
    rng = np.random.default_rng(seed)
    mix = rng.standard_normal((d, d)) / np.sqrt(d)
    return rng.standard_normal((n, d)) @ mix + shift


def numpy_fid(a, b):
    mu_a, mu_b = a.mean(0), b.mean(0)
    s_a, s_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = scipy.linalg.sqrtm(s_a @ s_b).real
    return float(np.sum((mu_a - mu_b) ** 2) + np.trace(s_a + s_b - 2 * covmean))


def numpy_mmd_cubic(x, y):
    """Unbiased MMD^2 with k(x, y) = (x.y / d + 1)^3, by explicit double sums."""
    d = x.shape[1]
    k = lambda a, b: (a @ b.T / d + 1.0) ** 3  # noqa: E731
    m, n = len(x), len(y)
    kxx, kyy = k(x, x), k(y, y)
    return (kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1)) - 2 * k(x, y).mean()


def test_loader_leaves_no_tensorflow_gan_modules_behind():
    cm = classifier_metrics()
    assert callable(cm.frechet_classifier_distance_from_activations)
    assert not [m for m in sys.modules if m.startswith("tensorflow_gan")]
    assert classifier_metrics() is cm  # loaded once


def test_fid_matches_scipy_on_random_activations():
    a, b = gaussian_features(600, 12, 0), 1.3 * gaussian_features(500, 12, 1, shift=0.4)
    expected = numpy_fid(a, b)
    assert expected > 1.0
    assert abs(fid_from_activations(a, b) - expected) / expected < 1e-3


def test_fid_closed_forms():
    a = gaussian_features(400, 8, 2)
    assert abs(fid_from_activations(a, a)) < 1e-6
    shift = np.linspace(-1.0, 2.0, 8)  # same covariance, means apart by `shift`: FID = |shift|^2
    assert fid_from_activations(a, a + shift) == pytest.approx(float(np.sum(shift**2)), rel=1e-6)


def test_fid_from_statistics_equals_fid_from_activations():
    a, b = gaussian_features(300, 6, 3), gaussian_features(300, 6, 4, shift=0.5)
    stats = lambda x: (x.mean(0), np.cov(x, rowvar=False))  # noqa: E731
    assert fid_from_statistics(*stats(a), *stats(b)) == pytest.approx(fid_from_activations(a, b), rel=1e-6)


def test_kid_matches_numpy_single_block():
    a, b = gaussian_features(300, 10, 5), gaussian_features(250, 10, 6, shift=0.3)
    mean, std = kid_from_activations(a, b, max_block_size=1000)
    expected = numpy_mmd_cubic(a, b)
    assert abs(mean - expected) / abs(expected) < 1e-3
    assert np.isnan(std)  # one block: no spread to estimate


def test_kid_blocks_and_standard_error_match_numpy():
    a, b = gaussian_features(300, 10, 7), gaussian_features(300, 10, 8, shift=0.2)
    mean, std = kid_from_activations(a, b, max_block_size=100)
    blocks = [numpy_mmd_cubic(a[i : i + 100], b[i : i + 100]) for i in range(0, 300, 100)]
    assert mean == pytest.approx(np.mean(blocks), rel=1e-3)
    assert std == pytest.approx(np.std(blocks, ddof=1) / np.sqrt(3), rel=1e-3)


def test_kid_of_two_samples_of_one_distribution_is_near_zero():
    mix = np.random.default_rng(9).standard_normal((8, 8)) / np.sqrt(8)
    a, b = (np.random.default_rng(s).standard_normal((2000, 8)) @ mix for s in (10, 11))
    mean, std = kid_from_activations(a, b, max_block_size=500)
    assert abs(mean) < 4 * std
    far, _ = kid_from_activations(a, b + 1.0, max_block_size=500)
    assert far > 20 * std


def test_inception_score_matches_numpy():
    logits = np.random.default_rng(11).standard_normal((400, 10)) * 3
    p = softmax(logits, axis=1)
    q = p.mean(0)
    expected = np.exp(np.mean(np.sum(p * (log_softmax(logits, axis=1) - np.log(q)), axis=1)))
    assert inception_score_from_logits(logits) == pytest.approx(expected, rel=1e-6)


def test_inception_score_limits():
    assert inception_score_from_logits(np.zeros((50, 7))) == pytest.approx(1.0, abs=1e-9)  # uniform predictions
    confident = 50.0 * np.eye(7)[np.arange(700) % 7]  # sure and balanced over 7 classes
    assert inception_score_from_logits(confident) == pytest.approx(7.0, rel=1e-6)


def test_bad_feature_shapes_are_clear_errors():
    with pytest.raises(ValueError, match=r"\[N, D\]"):
        fid_from_activations(np.zeros(10), np.zeros((10, 2)))
    with pytest.raises(ValueError, match="width"):
        fid_from_activations(np.zeros((10, 3)), np.zeros((10, 2)))


def cubic_kernel_mean(a, b):
    """E[(x.y / d + 1)^3] for independent x ~ N(a, I), y ~ N(b, I), from the cumulants of
    S = sum_i x_i y_i (independent terms with moments E[x^k] E[y^k])."""
    d = len(a)
    m1, m2 = a * b, (1 + a**2) * (1 + b**2)
    m3 = (a**3 + 3 * a) * (b**3 + 3 * b)
    k1, k2, k3 = m1.sum(), (m2 - m1**2).sum(), (m3 - 3 * m2 * m1 + 2 * m1**3).sum()
    s1, s2, s3 = k1 / d, (k2 + k1**2) / d**2, (k3 + 3 * k2 * k1 + k1**3) / d**3
    return s3 + 3 * s2 + 3 * s1 + 1


def test_kid_of_shifted_gaussians_has_the_closed_form():
    # population MMD^2 under the cubic kernel between N(a, I) and N(b, I)
    a, b = np.array([0.5, -0.5, 1.0, 0.0]), np.array([-0.5, 0.5, 0.0, 1.0])
    expected = cubic_kernel_mean(a, a) + cubic_kernel_mean(b, b) - 2 * cubic_kernel_mean(a, b)
    rng = np.random.default_rng(12)
    x, y = rng.standard_normal((6000, 4)) + a, rng.standard_normal((6000, 4)) + b
    mean, std = kid_from_activations(x, y, max_block_size=1000)
    assert expected > 0.5
    assert abs(mean - expected) < 4 * std and abs(mean - expected) / expected < 0.05
