"""The relativistic losses (RpGAN, RaGAN): values and gradient signs on hand-computed logits."""

import math

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.losses import get_loss
from tests.helpers import images, tiny_image_gan

R = np.array([2.0, -1.0, 0.5], np.float32)  # real logits
F = np.array([0.5, -3.0, 1.5], np.float32)  # fake logits, row i paired with real row i


def softplus(x):
    return math.log1p(math.exp(x))


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def value_and_grads(fn, *args):
    xs = [tf.constant(a) for a in args]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        y = fn(*xs)
        total = tf.reduce_sum(y)
    return y.numpy(), [g.numpy() for g in tape.gradient(total, xs)]


def test_rpgan_pairs_rows_and_pushes_each_pair_apart():
    loss = get_loss("rpgan")
    d, (dr, df) = value_and_grads(loss.discriminator_loss, R, F)
    np.testing.assert_allclose(d, [softplus(f - r) for r, f in zip(R, F)], rtol=1e-6)  # -log sigmoid(r - f) per pair
    np.testing.assert_allclose(dr, [-sigmoid(f - r) for r, f in zip(R, F)], rtol=1e-5)
    assert (dr < 0).all() and (df > 0).all()  # D raises each real logit above its partner fake
    g, (gf, gr) = value_and_grads(loss.generator_loss, F, R)
    np.testing.assert_allclose(g, [softplus(r - f) for r, f in zip(R, F)], rtol=1e-6)
    assert (gf < 0).all() and (gr > 0).all()  # G raises its fakes relative to their real partners
    # the loss of a pair depends on that pair only: moving row 0's fake changes no other row
    moved = F.copy()
    moved[0] += 5.0
    np.testing.assert_allclose(loss.discriminator_loss(R, moved).numpy()[1:], d[1:], rtol=1e-6)


def test_ragan_compares_with_the_other_kinds_mean():
    loss = get_loss("ragan")
    mr, mf = R.mean(), F.mean()
    d, (dr, df) = value_and_grads(loss.discriminator_loss, R, F)
    np.testing.assert_allclose(d, [softplus(-(r - mf)) + softplus(f - mr) for r, f in zip(R, F)], rtol=1e-5)
    assert (dr < 0).all() and (df > 0).all()
    g, (gf, gr) = value_and_grads(loss.generator_loss, F, R)
    np.testing.assert_allclose(g, [softplus(-(f - mr)) + softplus(r - mf) for r, f in zip(R, F)], rtol=1e-5)
    assert (gf < 0).all()  # G raises its fakes (directly and through mean_f in the real rows' terms)
    # hand derivative of sum_i G loss w.r.t. f_j: -sigmoid(-(f_j - mr)) - (1/n) sum_i sigmoid(r_i - mf)
    n = len(R)
    expected = [-sigmoid(-(f - mr)) - sum(sigmoid(r - mf) for r in R) / n for f in F]
    np.testing.assert_allclose(gf, expected, rtol=1e-5)


@pytest.mark.parametrize("name", ["rpgan", "ragan"])
def test_relativistic_generator_loss_refuses_missing_real_logits(name):
    with pytest.raises(ValueError, match="real batch"):
        get_loss(name).generator_loss(F)


@pytest.mark.parametrize("name", ["rpgan", "ragan"])
def test_a_relativistic_gan_trains_and_logs_no_accuracy(name):
    gan = tiny_image_gan("dcgan", **{"loss.name": name, "discriminator.norm": "none"})
    history = gan.fit(images(16), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["g_loss"][-1]) and np.isfinite(history.history["d_loss"][-1])
    assert "real_accuracy" not in history.history
