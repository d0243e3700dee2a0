"""Each loss family: value and gradient sign on hand-computed logits."""

import math

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.losses import LOSSES, get_loss

R = np.array([2.0, -1.0], np.float32)  # real logits
F = np.array([0.5, -3.0], np.float32)  # fake logits


def softplus(x):
    return np.log1p(np.exp(x))


def grads(fn, *args):
    xs = [tf.constant(a) for a in args]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        y = tf.reduce_sum(fn(*xs))
    return y.numpy(), [g.numpy() for g in tape.gradient(y, xs)]


def test_minimax_value_and_saturating_gradient():
    loss = get_loss("minimax")
    d, (dr, df) = grads(loss.discriminator_loss, R, F)
    expected = sum(-math.log(1 / (1 + math.exp(-r))) - math.log(1 - 1 / (1 + math.exp(-f))) for r, f in zip(R, F))
    assert d == pytest.approx(expected, rel=1e-5)
    assert (dr < 0).all() and (df > 0).all()  # D raises real logits, lowers fake ones
    g, (gf,) = grads(loss.generator_loss, F)
    assert g == pytest.approx(sum(math.log(1 - 1 / (1 + math.exp(-f))) for f in F), rel=1e-5)
    # dG/df = -sigmoid(f): negative (G raises f) and vanishing where D rejects the fake (f = -3)
    np.testing.assert_allclose(gf, -1 / (1 + np.exp(-F)), rtol=1e-5)
    assert abs(gf[1]) < 0.05


def test_non_saturating_value_and_gradient():
    loss = get_loss("non_saturating")
    d, _ = grads(loss.discriminator_loss, R, F)
    assert d == pytest.approx(float(np.sum(softplus(-R) + softplus(F))), rel=1e-5)
    g, (gf,) = grads(loss.generator_loss, F)
    assert g == pytest.approx(float(np.sum(-np.log(1 / (1 + np.exp(-F))))), rel=1e-5)
    # dG/df = sigmoid(f) - 1: negative, and large (near -1) where D rejects the fake
    np.testing.assert_allclose(gf, 1 / (1 + np.exp(-F)) - 1, rtol=1e-5)
    assert gf[1] < -0.9


@pytest.mark.parametrize("a,b,c", [(0.0, 1.0, 1.0), (-1.0, 1.0, 0.0)])
def test_least_squares_targets(a, b, c):
    loss = get_loss({"name": "least_squares", "a": a, "b": b, "c": c})
    d, (dr, df) = grads(loss.discriminator_loss, R, F)
    assert d == pytest.approx(float(np.sum(0.5 * (R - b) ** 2 + 0.5 * (F - a) ** 2)), rel=1e-5)
    np.testing.assert_allclose(dr, R - b, rtol=1e-5)  # pulls real logits to b
    np.testing.assert_allclose(df, F - a, rtol=1e-5)  # and fake logits to a
    g, (gf,) = grads(loss.generator_loss, F)
    assert g == pytest.approx(float(np.sum(0.5 * (F - c) ** 2)), rel=1e-5)
    np.testing.assert_allclose(gf, F - c, rtol=1e-5)
    assert loss.decision_threshold == pytest.approx((a + b) / 2)


def test_wasserstein_value_gradient_and_estimate():
    loss = get_loss("wasserstein")
    d, (dr, df) = grads(loss.discriminator_loss, R, F)
    assert d == pytest.approx(float(np.sum(F - R)))
    np.testing.assert_array_equal(dr, -1.0)
    np.testing.assert_array_equal(df, 1.0)
    g, (gf,) = grads(loss.generator_loss, F)
    assert g == pytest.approx(float(-np.sum(F)))
    np.testing.assert_array_equal(gf, -1.0)
    est = loss.extra_metrics(tf.constant(R), tf.constant(F))["wasserstein_estimate"].numpy()
    assert est.mean() == pytest.approx(R.mean() - F.mean())
    assert loss.decision_threshold is None


def test_wasserstein_drift_adds_eps_times_the_square_of_the_real_logit():
    """Karras et al. 2018, App. A.1: L_D = D(fake) - D(real) + eps D(real)^2; dL/dD(real) = -1 + 2 eps D(real)."""
    loss = get_loss({"name": "wasserstein", "drift": 0.001})
    d, (dr, df) = grads(loss.discriminator_loss, R, F)
    assert d == pytest.approx(float(np.sum(F - R + 0.001 * R**2)), rel=1e-6)
    np.testing.assert_allclose(dr, -1.0 + 2 * 0.001 * R, rtol=1e-6)
    np.testing.assert_array_equal(df, 1.0)
    assert get_loss("wasserstein").get_config() == {} and loss.get_config() == {"drift": 0.001}
    with pytest.raises(ValueError, match="drift"):
        get_loss({"name": "wasserstein", "drift": -1.0})


def test_hinge_value_and_margin_gradient():
    loss = get_loss("hinge")
    d, (dr, df) = grads(loss.discriminator_loss, R, F)
    assert d == pytest.approx(float(np.sum(np.maximum(0, 1 - R) + np.maximum(0, 1 + F))))
    # R = [2, -1]: first real logit beyond the margin gets no gradient; F = [0.5, -3] likewise for the second
    np.testing.assert_array_equal(dr, [0.0, -1.0])
    np.testing.assert_array_equal(df, [1.0, 0.0])
    g, (gf,) = grads(loss.generator_loss, F)
    assert g == pytest.approx(float(-np.sum(F)))
    np.testing.assert_array_equal(gf, -1.0)


def test_registry_suggests_close_names():
    assert set(LOSSES.names()) >= {"minimax", "non_saturating", "least_squares", "wasserstein", "hinge"}
    with pytest.raises(KeyError, match="Did you mean 'hinge'"):
        get_loss("hinje")


def test_unknown_loss_parameter_is_a_clear_error():
    with pytest.raises(TypeError, match="least_squares.*valid: a, b, c"):
        get_loss({"name": "least_squares", "d": 1.0})


@pytest.mark.parametrize("name", ["non_saturating", "minimax"])
def test_label_smoothing_targets(name):
    # one-sided (real 0.9) and two-sided (fake 0.1) smoothing: cross-entropy against the smoothed targets,
    # whose minimiser in the real logit is log(t / (1 - t)) instead of +infinity
    from keras_gans.losses import get_loss

    r, f = tf.constant([[2.0], [-1.0]]), tf.constant([[0.5], [-3.0]])
    sig = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    ce = lambda l, t: -(t * np.log(sig(l)) + (1 - t) * np.log(1 - sig(l)))  # noqa: E731
    for real_label, fake_label in [(1.0, 0.0), (0.9, 0.0), (0.9, 0.1)]:
        loss = get_loss({"name": name, "real_label": real_label, "fake_label": fake_label})
        expected = ce(r.numpy()[:, 0], real_label) + ce(f.numpy()[:, 0], fake_label)
        np.testing.assert_allclose(loss.discriminator_loss(r, f).numpy(), expected, rtol=1e-5)
    loss = get_loss({"name": name, "real_label": 0.9})
    best = np.log(0.9 / 0.1)
    x = tf.constant([[best - 0.1], [best], [best + 0.1]])
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = loss.discriminator_loss(x, tf.constant([[-50.0]] * 3))
    grad = tape.gradient(value, x).numpy()[:, 0]
    assert grad[0] < 0 and abs(grad[1]) < 1e-5 and grad[2] > 0  # the real logit is pulled to log(9), not beyond
    with pytest.raises(ValueError, match="fake_label < real_label"):
        get_loss({"name": name, "real_label": 0.1, "fake_label": 0.5})
