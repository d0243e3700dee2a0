"""Unrolled D (Metz et al. 2017): the lookahead against a k-step unrolling written by hand."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans import GAN
from keras_gans.private_api import adam_moments
from tests.helpers import points, toy_gan


def _linear_gan(k, d_optimizer):
    g = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False)])
    d = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    g.layers[0].kernel.assign([[0.7]])
    d.layers[0].kernel.assign([[0.4]])
    d.layers[0].bias.assign([0.1])
    gan = GAN(g, d, unroll_steps=k)
    gan.compile(d_optimizer=d_optimizer, g_optimizer=keras.optimizers.SGD(0.1), loss="wasserstein")
    return gan


def test_the_sgd_lookahead_and_g_gradient_equal_the_hand_written_unrolling():
    k, eta = 3, 0.05
    gan = _linear_gan(k, keras.optimizers.SGD(eta))
    z = np.array([[0.5], [-1.0], [2.0], [0.3]], np.float32)
    real = np.array([[1.0], [2.0], [0.0], [3.0]], np.float32)
    a = gan.generator.trainable_variables[0]
    with tf.GradientTape() as tape:
        fake = gan.generator(z)
        _, fake_logits = gan.unrolled.lookahead(tf.constant(real), fake)
        g_loss = -tf.reduce_mean(fake_logits)
    grad = tape.gradient(g_loss, a).numpy()[0, 0]
    # D(x) = w x + b, L_D = mean D(G z) - mean D(x) = w (a m_z - m_x): k SGD steps move w by k eta (a m_z - m_x)
    m_z, m_x, w0, b, av = z.mean(), real.mean(), 0.4, 0.1, 0.7
    w_k = w0 - k * eta * (av * m_z - m_x)
    np.testing.assert_allclose(fake_logits.numpy().ravel(), w_k * av * z.ravel() + b, rtol=1e-5)
    # L_G = -(w_k a m_z + b), w_k depending on a: dL_G/da = -m_z w_k + k eta a m_z^2
    assert grad == pytest.approx(-m_z * w_k + k * eta * av * m_z ** 2, rel=1e-5)
    assert gan.discriminator.layers[0].kernel.numpy()[0, 0] == pytest.approx(w0)  # D itself did not move


def test_the_adam_lookahead_continues_the_optimizers_moments_and_bias_correction():
    k, lr, b1, b2, eps = 2, 0.01, 0.5, 0.9, 1e-7
    optimizer = keras.optimizers.Adam(lr, beta_1=b1, beta_2=b2, epsilon=eps)
    gan = _linear_gan(k, optimizer)
    gan.fit(points(16)[:, :1], batch_size=4, epochs=1, verbose=0)  # 4 steps: moments and step count of their own
    d = gan.discriminator.layers[0]
    (m_w, m_b), (v_w, v_b) = ([float(np.ravel(t.numpy())[0]) for t in s] for s in adam_moments(optimizer, d.trainable_variables))
    w, b, t0 = float(d.kernel.numpy()[0, 0]), float(d.bias.numpy()[0]), int(optimizer.iterations.numpy())
    z = np.array([[0.5], [-1.0]], np.float32)
    real = np.array([[1.0], [2.0]], np.float32)
    av = float(gan.generator.trainable_variables[0].numpy()[0, 0])
    _, fake_logits = gan.unrolled.lookahead(tf.constant(real), gan.generator(z))
    for i in range(k):  # by hand: gradients w.r.t. w and b of w (a m_z - m_x) + b - b
        g_w, g_b = av * z.mean() - real.mean(), 0.0
        t = t0 + 1 + i
        alpha = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        m_w, m_b = m_w + (g_w - m_w) * (1 - b1), m_b + (g_b - m_b) * (1 - b1)
        v_w, v_b = v_w + (g_w ** 2 - v_w) * (1 - b2), v_b + (g_b ** 2 - v_b) * (1 - b2)
        w, b = w - alpha * m_w / (np.sqrt(v_w) + eps), b - alpha * m_b / (np.sqrt(v_b) + eps)
    np.testing.assert_allclose(fake_logits.numpy().ravel(), w * av * z.ravel() + b, rtol=1e-4)


def test_an_unrolled_preset_trains_and_round_trips(tmp_path):
    gan = toy_gan(**{"model.unroll_steps": 2})
    history = gan.fit(points(32), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["g_loss"][-1])
    path = str(tmp_path / "unrolled.keras")
    gan.save(path)
    assert keras.saving.load_model(path).unroll_steps == 2


def test_an_optimizer_that_cannot_be_unrolled_is_refused():
    with pytest.raises(ValueError, match="SGD without momentum and for Adam"):
        toy_gan(**{"model.unroll_steps": 2, "optimizers.d": {"name": "rmsprop", "learning_rate": 1e-3}})
