"""Precision/recall, MMD and sliced Wasserstein against brute-force numpy/scipy and closed forms."""

import numpy as np
import pytest
from scipy.spatial.distance import cdist, pdist
from scipy.special import gammaln
from scipy.stats import wasserstein_distance

from keras_gans.metrics import mmd, precision_recall, sliced_wasserstein
from keras_gans.metrics.sliced_wasserstein import wasserstein_1d


def brute_force_precision_recall(real, fake, k):
    def radii(x):
        d = cdist(x, x)
        return np.sort(d, axis=1)[:, k]  # column 0 is the point itself

    def inside(queries, support):
        return np.mean(np.any(cdist(queries, support) <= radii(support)[None, :], axis=1))

    return inside(fake, real), inside(real, fake)


def test_precision_recall_matches_brute_force():
    rng = np.random.default_rng(0)
    real = rng.standard_normal((300, 5))
    fake = 0.6 * rng.standard_normal((250, 5)) + 0.8  # narrower and shifted: precision != recall
    got = precision_recall(real, fake, k=3)
    p, r = brute_force_precision_recall(real, fake, 3)
    assert 0.05 < p < 1.0 and 0.05 < r < 0.9 and abs(p - r) > 0.05
    assert got["precision"] == pytest.approx(p, abs=1e-12)
    assert got["recall"] == pytest.approx(r, abs=1e-12)


def test_precision_recall_extremes():
    x = np.random.default_rng(1).standard_normal((200, 3))
    assert precision_recall(x, x.copy()) == {"precision": 1.0, "recall": 1.0}
    assert precision_recall(x, x + 100.0) == {"precision": 0.0, "recall": 0.0}


def brute_force_mmd(x, y):
    sigma = np.median(pdist(np.concatenate([x, y])))
    k = lambda a, b: np.exp(-cdist(a, b, "sqeuclidean") / (2 * sigma**2))  # noqa: E731
    m, n = len(x), len(y)
    kxx, kyy = k(x, x), k(y, y)
    return (kxx.sum() - m) / (m * (m - 1)) + (kyy.sum() - n) / (n * (n - 1)) - 2 * k(x, y).mean()


def test_mmd_matches_brute_force_with_median_heuristic():
    rng = np.random.default_rng(2)
    x, y = rng.standard_normal((200, 4)), rng.standard_normal((150, 4)) + 0.5
    assert mmd(x, y) == pytest.approx(brute_force_mmd(x, y), rel=1e-9)


def test_mmd_is_near_zero_for_one_distribution_and_positive_apart():
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((500, 2)), rng.standard_normal((500, 2))
    assert abs(mmd(x, y)) < 0.01
    assert mmd(x, y + 3.0) > 0.3


def test_wasserstein_1d_matches_scipy_for_unequal_sizes():
    rng = np.random.default_rng(4)
    u, v = rng.standard_normal(37), rng.exponential(size=53)
    assert wasserstein_1d(u, v, p=1) == pytest.approx(wasserstein_distance(u, v), rel=1e-12)


def test_sliced_wasserstein_of_a_shift_has_the_closed_form():
    # projecting x and x + v on theta shifts every projection by <v, theta>, so SW_1 = E|<v, theta>|
    # = |v| E|theta_1| = |v| Gamma(d/2) / (sqrt(pi) Gamma((d+1)/2)) for theta uniform on the sphere
    d = 6
    x = np.random.default_rng(5).standard_normal((300, d))
    v = np.array([3.0, -1.0, 0.0, 2.0, 0.5, 1.0])
    expected = np.linalg.norm(v) * np.exp(gammaln(d / 2) - gammaln((d + 1) / 2)) / np.sqrt(np.pi)
    assert sliced_wasserstein(x, x + v, num_projections=4000) == pytest.approx(expected, rel=0.03)
    assert sliced_wasserstein(x, x.copy()) == 0.0
