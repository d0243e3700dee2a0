import numpy as np
import pytest
from scipy.spatial.distance import pdist

from keras_gans.metrics.diversity import class_spread, mean_pairwise_distance


def test_mean_pairwise_distance_equals_scipy():
    x = np.random.default_rng(0).standard_normal((37, 5))
    assert mean_pairwise_distance(x) == pytest.approx(float(np.mean(pdist(x))), rel=1e-9)


def test_a_collapsed_batch_has_no_diversity():
    assert mean_pairwise_distance(np.ones((8, 3, 3, 1))) == pytest.approx(0.0, abs=1e-7)


def test_mean_pairwise_distance_needs_two_samples():
    with pytest.raises(ValueError, match="at least 2"):
        mean_pairwise_distance(np.ones((1, 4)))


def test_class_spread_counts_classes_and_the_largest_share():
    logits = np.eye(4)[[0, 0, 0, 2, 2, 3, 0, 0]]  # classes 0 x5, 2 x2, 3 x1
    assert class_spread(logits) == (3, pytest.approx(5 / 8))
