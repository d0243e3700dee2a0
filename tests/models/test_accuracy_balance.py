"""D/G step balancing from D's accuracy: skipped updates leave a player's weights exactly unchanged."""

import keras
import pytest

from tests.helpers import max_abs_diff, points, toy_gan, weights

FAST = {"optimizers.d.learning_rate": 1e-2, "optimizers.g.learning_rate": 1e-2, "seed": 5}


def _train(**overrides):
    gan = toy_gan(**{**FAST, **overrides})
    g0, d0 = weights(gan.generator), weights(gan.discriminator)
    hist = gan.fit(points(32), batch_size=8, epochs=1, verbose=0)
    accuracy = (hist.history["real_accuracy"][0] + hist.history["fake_accuracy"][0]) / 2
    return gan, max_abs_diff(g0, weights(gan.generator)), max_abs_diff(d0, weights(gan.discriminator)), accuracy


@pytest.mark.parametrize("rule", ["alternating", "simultaneous", "extragradient"])
def test_d_is_frozen_while_its_accuracy_exceeds_the_limit_under_every_rule(rule):
    gan, g_moved, d_moved, accuracy = _train(**{"model.balance": {"d_max_accuracy": 0.0}, "model.update_rule": rule})
    assert accuracy > 0.0  # so every D update was above the limit
    assert d_moved == 0.0 and g_moved > 1e-3


def test_g_moves_exactly_on_the_steps_where_d_reaches_the_accuracy_floor():
    gan = toy_gan(**{**FAST, "model.balance": {"d_max_accuracy": 1.0, "g_min_accuracy": 0.6}})
    record = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            record.append([weights(gan.generator)])

        def on_train_batch_end(self, batch, logs=None):
            record[-1] += [weights(gan.generator), float(gan._balance.accuracy.numpy())]

    gan.fit(points(64), batch_size=8, epochs=1, verbose=0, callbacks=[Record()])
    moved = [max_abs_diff(before, after) > 0 for before, after, _ in record]
    expected = [accuracy >= 0.6 for _, _, accuracy in record]
    assert moved == expected
    assert any(expected) and not all(expected)  # both branches were taken


def test_open_limits_train_exactly_as_without_balancing():
    balanced = _train(**{"model.balance": {"d_max_accuracy": 1.0, "g_min_accuracy": 0.0}})[0]
    plain = _train()[0]
    both = lambda gan: weights(gan.generator) + weights(gan.discriminator)  # noqa: E731
    assert max_abs_diff(both(balanced), both(plain)) < 1e-6
