"""Mode counting (toy mixtures, classifier classes, stacked MNIST) and perceptual path length,
against hand counts and closed forms."""

import keras
import numpy as np
import pytest

from keras_gans.data import ring_centers
from keras_gans.data.stacked_mnist import stack_digits
from keras_gans.metrics import DomainClassifier, class_modes, gaussian_mixture_modes, perceptual_path_length, stacked_mnist_modes
from keras_gans.metrics.path_length import path_lengths


def at_angle(center, radius, angle):
    return center + radius * np.array([np.cos(angle), np.sin(angle)])


def test_gaussian_mixture_modes_counts_by_hand():
    centers, std = ring_centers(), 0.01
    # 100 samples: mode 0 gets 60 good ones, mode 1 gets 15 good, mode 2 gets 1 good;
    # 24 bad ones lie 5 std from mode 3 (nearest mode 3, not within 3 std)
    pts = [at_angle(centers[0], 2 * std, 0.1 * i) for i in range(60)]
    pts += [at_angle(centers[1], 2.9 * std, 0.3 * i) for i in range(15)]
    pts += [centers[2]]
    pts += [at_angle(centers[3], 5 * std, 0.2 * i) for i in range(24)]
    out = gaussian_mixture_modes(np.array(pts), centers, std)
    assert out["modes"] == 3  # modes 0, 1, 2 each have >= 1 good sample
    assert out["balanced_modes"] == 2  # fair quarter = 0.25 * 100 / 8 = 3.125: modes 0 and 1
    assert out["high_quality"] == pytest.approx(0.76)
    q = np.array([60, 15, 1]) / 76
    assert out["reverse_kl"] == pytest.approx(float(np.sum(q * np.log(8 * q))), rel=1e-12)
    assert out["counts"] == [60, 15, 1, 0, 0, 0, 0, 0]


def test_gaussian_mixture_modes_extremes():
    centers = ring_centers()
    perfect = np.repeat(centers, 10, axis=0)
    out = gaussian_mixture_modes(perfect, centers, 0.01)
    assert (out["modes"], out["balanced_modes"], out["high_quality"]) == (8, 8, 1.0)
    assert out["reverse_kl"] == pytest.approx(0.0, abs=1e-12)
    collapsed = gaussian_mixture_modes(np.repeat(centers[:1], 50, axis=0), centers, 0.01)
    assert collapsed["modes"] == 1 and collapsed["reverse_kl"] == pytest.approx(np.log(8))
    nothing = gaussian_mixture_modes(np.zeros((5, 2)), centers, 0.01)  # the origin is 100 std from every mean
    assert nothing["modes"] == 0 and nothing["high_quality"] == 0.0 and nothing["reverse_kl"] == float("inf")


def test_class_modes_by_hand():
    out = class_modes([0, 0, 1, 3, 3, 3], 4)
    q = np.array([2, 1, 0, 3]) / 6
    assert out["modes"] == 3 and out["counts"] == [2, 1, 0, 3]
    assert out["reverse_kl"] == pytest.approx(sum(p * np.log(4 * p) for p in q if p > 0))
    with pytest.raises(ValueError, match="lie in"):
        class_modes([0, 5], 4)


def block_digit_classifier():
    """A real Keras classifier with hand-set weights: digit k is 'the 28x2 pixel stripe at rows 2k..2k+1
    is bright' (features = stripe sums), so its predictions are known exactly."""
    inputs = keras.Input((28, 28, 1))
    flat = keras.layers.Flatten()(inputs)
    features = keras.layers.Dense(10, use_bias=False, name="features")(flat)
    logits = keras.layers.Dense(10, use_bias=False, name="logits")(features)
    model = keras.Model(inputs, logits)
    w = np.zeros((28 * 28, 10), np.float32)
    for k in range(10):
        w[(2 * k) * 28 : (2 * k + 2) * 28, k] = 1.0
    model.get_layer("features").set_weights([w])
    model.get_layer("logits").set_weights([np.eye(10, dtype=np.float32)])
    return model


def stripe_digits(labels):
    x = -np.ones((len(labels), 28, 28, 1), np.float32)
    for i, k in enumerate(labels):
        x[i, 2 * k : 2 * k + 2, :, 0] = 1.0
    return x


def test_stacked_mnist_builder_and_mode_count():
    labels = np.arange(10).repeat(3)
    x, y = stack_digits(stripe_digits(labels), labels, num_samples=3000, seed=0)
    assert x.shape == (3000, 28, 28, 3)
    # the digit in each channel, read off the stripes, composes the label
    digit = lambda c: np.argmax(x[:, ::2, 0, c], axis=1)  # noqa: E731
    np.testing.assert_array_equal(y, 100 * digit(0) + 10 * digit(1) + digit(2))
    out = stacked_mnist_modes(x, DomainClassifier(block_digit_classifier()))
    counts = np.bincount(y, minlength=1000)
    q = counts[counts > 0] / len(y)
    assert out["modes"] == len(np.unique(y))
    assert out["reverse_kl"] == pytest.approx(float(np.sum(q * np.log(1000 * q))), rel=1e-9)
    assert out["num_modes"] == 1000


def test_path_length_closed_form_for_slerp():
    # G = identity, phi = identity: G(sqrt(d) slerp(z1, z2; t)) moves at speed sqrt(d) * omega along a
    # great circle, omega the angle between z1 and z2: the path length is d * omega^2 for every t
    rng = np.random.default_rng(0)
    d, n = 16, 300
    z1, z2, t = rng.standard_normal((n, d)), rng.standard_normal((n, d)), rng.uniform(0, 1, n)
    cos = np.sum(z1 * z2, 1) / (np.linalg.norm(z1, axis=1) * np.linalg.norm(z2, axis=1))
    expected = d * np.arccos(cos) ** 2
    identity = lambda z: np.asarray(z, np.float64)  # noqa: E731
    got = path_lengths(identity, identity, z1, z2, t, eps=1e-4)
    np.testing.assert_allclose(got, expected, rtol=2e-3)
    ppl = perceptual_path_length(identity, identity, d, latents=(z1, z2, t))
    lo, hi = np.percentile(got, [1, 99])
    assert ppl == pytest.approx(np.mean(got[(got >= lo) & (got <= hi)]))
    assert min(expected) < ppl < max(expected)


def test_path_length_closed_form_for_lerp_through_a_linear_generator():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((4, 3))
    z1, z2, t = rng.uniform(-1, 1, (50, 4)), rng.uniform(-1, 1, (50, 4)), rng.uniform(0, 1, 50)
    got = path_lengths(lambda z: z @ a, lambda x: np.asarray(x, np.float64), z1, z2, t, interpolation="lerp")
    np.testing.assert_allclose(got, np.sum(((z2 - z1) @ a) ** 2, axis=1), rtol=2e-3)
