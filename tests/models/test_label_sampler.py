"""Labels drawn for fakes follow model.label_distribution: frequencies within binomial bounds of the
uniform or the data's class probabilities."""

import keras
import numpy as np
import pytest

from keras_gans.checks import ConfigError
from keras_gans.models.label_sampler import LabelSampler

N = 20_000


def _frequencies(sampler, seed=0):
    labels = np.asarray(sampler.draw(N, keras.random.SeedGenerator(seed)))
    assert labels.dtype == np.int32 and labels.shape == (N,)
    return np.bincount(labels, minlength=sampler.num_classes) / N


@pytest.mark.parametrize("distribution,counts", [("uniform", None), ("data", [600, 100, 0, 300])])
def test_drawn_labels_follow_the_class_probabilities(distribution, counts):
    sampler = LabelSampler(4, distribution, counts)
    p = np.full(4, 0.25) if counts is None else np.array(counts) / sum(counts)
    bound = 4 * np.sqrt(p * (1 - p) / N) + 1e-12  # 4 binomial standard deviations
    assert (np.abs(_frequencies(sampler) - p) <= bound).all()
    if counts is not None:
        assert _frequencies(sampler, 1)[2] == 0.0  # a class without training images is never drawn


@pytest.mark.parametrize(
    "args,message",
    [
        ((1,), "num_classes must be a whole number >= 2"),
        ((3, "zipf"), "model.label_distribution must be one of uniform, data"),
        ((3, "data"), "needs the training set's 3 class counts"),
        ((3, "data", [1, 2]), "needs the training set's 3 class counts"),
        ((3, "data", [0, 0, 0]), "not all 0"),
    ],
)
def test_label_sampler_refuses_what_it_cannot_draw_from(args, message):
    with pytest.raises(ConfigError) as e:
        LabelSampler(*args)
    assert message in str(e.value)
