"""GAN.train_step driven by the update rules of keras_gans.dynamics, against hand-made SGD steps."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from tests.helpers import max_abs_diff, points, toy_gan, weights

SGD = {"optimizers.d": {"name": "sgd", "learning_rate": 0.5}, "optimizers.g": {"name": "sgd", "learning_rate": 0.5}}


def _one_step(gan, x):
    gan.fit(tf.data.Dataset.from_tensors(x), epochs=1, verbose=0)


def _losses(gan, x, z):
    """The non-saturating losses of D and G at the current weights for latents z."""
    d, g = gan.discriminator, gan.generator

    def d_loss():
        return tf.reduce_mean(tf.nn.softplus(-d(x)) + tf.nn.softplus(d(g(z))))

    def g_loss():
        return tf.reduce_mean(tf.nn.softplus(-d(g(z))))

    return d_loss, g_loss


def _grads(loss, variables):
    with tf.GradientTape() as tape:
        value = loss()
    return [t.numpy() for t in tape.gradient(value, variables)]


def _hand_step(gan, x, z, rule, lr=0.5):
    """The weights after one step of ``rule`` computed by hand (no optimizer, no GAN code)."""
    d_vars, g_vars = gan.discriminator.trainable_variables, gan.generator.trainable_variables
    d_loss, g_loss = _losses(gan, x, z)
    start = [v.numpy() for v in d_vars + g_vars]

    def set_all(values):
        for v, value in zip(d_vars + g_vars, values):
            v.assign(value)

    def sim_grads():
        return _grads(d_loss, d_vars) + _grads(g_loss, g_vars)

    if rule == "simultaneous":
        out = [w - lr * gr for w, gr in zip(start, sim_grads())]
    elif rule == "extragradient":
        set_all([w - lr * gr for w, gr in zip(start, sim_grads())])
        look = sim_grads()
        out = [w - lr * gr for w, gr in zip(start, look)]
    else:  # alternating: D moves, then G sees the new D
        gd = _grads(d_loss, d_vars)
        set_all([w - lr * gr for w, gr in zip(start[: len(d_vars)], gd)] + start[len(d_vars):])
        gg = _grads(g_loss, g_vars)
        out = [v.numpy() for v in d_vars] + [w - lr * gr for w, gr in zip(start[len(d_vars):], gg)]
    set_all(start)
    return out


@pytest.mark.parametrize("rule", ["simultaneous", "extragradient", "alternating"])
def test_gan_step_with_update_rule_equals_the_hand_computed_step(rule):
    gan = toy_gan(**{**SGD, "model.update_rule": rule, "seed": 3})
    x = tf.constant(points(8, seed=1))
    state = np.array(gan.seed_generator.state)
    z = gan.sample_latents(8)
    gan.seed_generator.state.assign(state)  # the step draws the same latents
    expected = _hand_step(gan, x, z, rule)
    before = weights(gan.discriminator) + weights(gan.generator)
    _one_step(gan, x)
    got = [v.numpy() for v in gan.discriminator.trainable_variables + gan.generator.trainable_variables]
    assert max_abs_diff(before, got) > 1e-3  # the step moved the weights
    assert max_abs_diff(expected, got) < 1e-5


def test_rules_differ_where_the_theory_says():
    # simultaneous: G's gradient at the old D; alternating: at the new D; the two steps differ
    x = tf.constant(points(8, seed=1))
    out = {}
    for rule in ("simultaneous", "alternating"):
        gan = toy_gan(**{**SGD, "model.update_rule": rule, "seed": 3})
        _one_step(gan, x)
        out[rule] = weights(gan.generator)
    assert max_abs_diff(out["simultaneous"], out["alternating"]) > 1e-4


def test_default_step_is_the_alternating_rule_with_one_forward_pass_fewer():
    x = points(32, seed=2)
    trained = []
    for rule in (None, "alternating"):
        gan = toy_gan(**{"model.update_rule": rule, "model.d_steps": 2, "seed": 4,
                         "optimizers.d.learning_rate": 1e-2, "optimizers.g.learning_rate": 1e-2})
        gan.fit(x, batch_size=8, epochs=1, verbose=0)
        trained.append(weights(gan.generator) + weights(gan.discriminator))
    assert max_abs_diff(*trained) < 1e-5


@pytest.mark.parametrize("rule", ["alternating", "simultaneous", "extragradient"])
def test_every_rule_moves_d_through_a_variants_d_step(rule):
    # a variant whose D update halves the gradients must train as the plain GAN with D's learning rate halved
    from keras_gans.models import GAN

    class HalfStepD(GAN):
        def d_step(self, grads, logs):
            super().d_step([g * 0.5 for g in grads], logs)

    x = tf.constant(points(8, seed=1))
    plain = toy_gan(**{**SGD, "optimizers.d.learning_rate": 0.25, "model.update_rule": rule, "seed": 3})
    variant = toy_gan(**{**SGD, "model.update_rule": rule, "seed": 3})
    variant = HalfStepD(variant.generator, variant.discriminator, seed=3, update_rule=rule)
    variant.compile(d_optimizer=keras.optimizers.SGD(0.5), g_optimizer=keras.optimizers.SGD(0.5))
    for gan in (plain, variant):
        _one_step(gan, x)
    assert max_abs_diff(weights(plain.discriminator), weights(variant.discriminator)) < 1e-6
    assert max_abs_diff(weights(plain.generator), weights(variant.generator)) < 1e-6
