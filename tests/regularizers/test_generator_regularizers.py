"""Generator regularisers against closed forms: Jacobian clamping on linear generators (SVD), feature
matching and historical averaging against numpy."""

import types

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.regularizers import FeatureMatching, GeneratorHistoricalAveraging, HistoricalAveraging, JacobianClamping
from tests.helpers import max_abs_diff, points, toy_gan, weights


def linear_generator(matrix):
    d_in, d_out = matrix.shape[1], matrix.shape[0]
    z = keras.Input((d_in,))
    layer = keras.layers.Dense(d_out, use_bias=True, bias_initializer="ones")
    model = keras.Model(z, layer(z))
    layer.kernel.assign(matrix.T.astype(np.float32))
    return model


def _penalty(reg, g, z, seed=0):
    gan = types.SimpleNamespace(generator=g)
    return reg(gan, None, z, g(z), keras.random.SeedGenerator(seed)).numpy()


@pytest.mark.parametrize("scale", [0.5, 3.0, 30.0])
def test_jacobian_clamping_on_a_scaled_rotation(scale):
    # G(z) = s R z + b: every direction is stretched by exactly s, so Q = s and the penalty is closed-form
    rotation, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((4, 4)))
    g = linear_generator(scale * rotation)
    reg = JacobianClamping(weight=2.0, lambda_min=1.0, lambda_max=20.0, epsilon=0.7)
    z = tf.constant(np.random.default_rng(1).standard_normal((16, 4)), tf.float32)
    expected = 2.0 * ((max(scale, 20.0) - 20.0) ** 2 + (min(scale, 1.0) - 1.0) ** 2)
    np.testing.assert_allclose(_penalty(reg, g, z), np.full(16, expected), rtol=1e-4, atol=1e-5)


def test_jacobian_clamping_ratio_lies_between_the_extreme_singular_values():
    a = np.random.default_rng(2).standard_normal((6, 3))
    sv = np.linalg.svd(a, compute_uv=False)
    g = linear_generator(a)
    reg = JacobianClamping(lambda_min=0.0, lambda_max=0.0)  # penalty = Q^2
    z = tf.constant(np.random.default_rng(3).standard_normal((256, 3)), tf.float32)
    q = np.sqrt(_penalty(reg, g, z))
    assert q.min() >= sv.min() - 1e-4 and q.max() <= sv.max() + 1e-4
    assert q.max() - q.min() > 0.3 * (sv.max() - sv.min())  # random directions spread over the range


def feature_discriminator():
    x = keras.Input((2,))
    f = keras.layers.Dense(3, activation="tanh", name="features")(x)
    return keras.Model(x, keras.layers.Dense(1)(f))


def test_feature_matching_is_the_squared_distance_of_mean_features():
    d = feature_discriminator()
    gan = types.SimpleNamespace(discriminator=d, transform_d_input=lambda t: t)
    reg = FeatureMatching(weight=3.0)
    reg.build(gan)
    real, fake = points(32, seed=0), points(32, seed=1) + 1.0
    kernel, bias = (w.numpy() for w in d.get_layer("features").weights)
    feats = lambda x: np.tanh(x @ kernel + bias)  # noqa: E731
    expected = 3.0 * np.sum((feats(real).mean(0) - feats(fake).mean(0)) ** 2)
    out = reg(gan, tf.constant(real), tf.constant(fake[:, :1]), tf.constant(fake), None).numpy()
    np.testing.assert_allclose(out, np.full(32, expected), rtol=1e-5)


def test_historical_averaging_penalises_the_distance_to_the_mean_of_past_weights():
    gan = toy_gan(**{"regularizers.historical_averaging.weight": 0.5})
    reg = gan.d_regularizers[0]
    assert isinstance(reg, HistoricalAveraging)
    variables = gan.discriminator.trainable_variables
    rng = np.random.default_rng(0)
    history = []
    for t in range(4):
        if t:
            for v in variables:
                v.assign(v.numpy() + rng.standard_normal(v.shape).astype(np.float32))
        current = [v.numpy() for v in variables]
        mean = [np.mean([h[i] for h in history], 0) for i in range(len(variables))] if history else current
        expected = 0.5 * sum(np.sum((c - m) ** 2) for c, m in zip(current, mean))
        got = reg(gan.discriminator, tf.zeros([2, 2]), tf.zeros([2, 2]), None).numpy()
        np.testing.assert_allclose(got, [expected, expected], rtol=1e-5)
        history.append(current)


def test_generator_regularizers_train_from_preset_overrides():
    gan = toy_gan(**{"g_regularizers.jacobian_clamping.weight": 1.0, "g_regularizers.feature_matching.weight": 1.0,
                     "g_regularizers.historical_averaging.weight": 1.0, "optimizers.g.learning_rate": 1e-2})
    assert [type(r) for r in gan.g_regularizers] == [JacobianClamping, FeatureMatching, GeneratorHistoricalAveraging]
    g0 = weights(gan.generator)
    hist = gan.fit(points(32), batch_size=8, epochs=1, verbose=0)
    assert {"g_jacobian_clamping", "g_feature_matching", "g_historical_averaging"} <= set(hist.history)
    assert hist.history["g_historical_averaging"][0] > 0  # G moved away from its past weights
    assert max_abs_diff(g0, weights(gan.generator)) > 1e-3
    # the running averages are checkpointed state
    averages = gan.extra_checkpoint_objects()["g_regularizers.historical_averaging"]
    assert len(averages) == len(gan.generator.trainable_variables) + 1
