import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.regularizers import GradientPenalty, get_regularizer


def linear_critic(w):
    inp = keras.Input((len(w),))
    layer = keras.layers.Dense(1, use_bias=False)
    model = keras.Model(inp, layer(inp))
    layer.kernel.assign(np.asarray(w, np.float32)[:, None])
    return model


def test_penalty_of_a_linear_critic_is_the_closed_form():
    # D(x) = w.x has gradient w everywhere: penalty = lambda (||w|| - 1)^2 for every sample
    w = [3.0, 4.0]
    d = linear_critic(w)
    real = tf.random.normal((6, 2))
    fake = tf.random.normal((6, 2))
    gp = GradientPenalty(weight=10.0)(d, real, fake, keras.random.SeedGenerator(0))
    np.testing.assert_allclose(gp.numpy(), 10.0 * (5.0 - 1.0) ** 2, rtol=1e-5)


def test_interpolation_weight_is_uniform_and_drawn_per_sample():
    # D(x) = 1/2 ||x||^2 has gradient x_hat = eps * real (fake = 0): the penalty reveals eps per sample
    inp = keras.Input((3,))
    d = keras.Model(inp, keras.layers.Lambda(lambda x: 0.5 * tf.reduce_sum(x**2, -1, keepdims=True))(inp))
    n = 2000
    real = tf.ones((n, 3)) / np.sqrt(3.0)  # unit norm
    gp = GradientPenalty(weight=1.0)(d, real, tf.zeros((n, 3)), keras.random.SeedGenerator(1)).numpy()
    eps = 1.0 - np.sqrt(gp)  # (eps - 1)^2 = penalty, eps in [0, 1]
    assert eps.min() >= 0.0 and eps.max() <= 1.0
    assert len(np.unique(np.round(eps, 6))) > n * 0.99  # one draw per sample
    assert eps.mean() == pytest.approx(0.5, abs=0.03)  # U[0, 1]: mean 1/2, variance 1/12
    assert eps.var() == pytest.approx(1 / 12, abs=0.01)


def test_penalty_gradient_flows_to_critic_weights():
    d = linear_critic([3.0, 4.0])
    reg = get_regularizer({"name": "gradient_penalty", "weight": 10.0})
    with tf.GradientTape() as tape:
        p = tf.reduce_mean(reg(d, tf.ones((4, 2)), tf.zeros((4, 2)), keras.random.SeedGenerator(0)))
    g = tape.gradient(p, d.trainable_variables)[0].numpy()[:, 0]
    # d/dw lambda (||w|| - 1)^2 = 2 lambda (||w|| - 1) w / ||w||
    np.testing.assert_allclose(g, 2 * 10.0 * 4.0 * np.array([3.0, 4.0]) / 5.0, rtol=1e-4)
