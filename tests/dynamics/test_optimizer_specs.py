"""Update-rule options reachable from presets: optimistic optimizers, schedules, clipping, L2."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.dynamics import OptimisticAdam, OptimisticSGD
from keras_gans.zoo.builder import make_optimizer
from tests.helpers import points, toy_gan


def test_optimistic_optimizers_by_name_and_their_update():
    assert isinstance(make_optimizer({"name": "optimistic_adam", "learning_rate": 1e-3}), OptimisticAdam)
    opt = make_optimizer({"name": "optimistic_sgd", "learning_rate": 0.1})
    v = keras.Variable([1.0])
    opt.build([v])
    opt.apply_gradients([(tf.constant([2.0]), v)])  # 1 - 0.1 * (2 * 2 - 0)
    opt.apply_gradients([(tf.constant([1.0]), v)])  # 0.6 - 0.1 * (2 * 1 - 2)
    np.testing.assert_allclose(np.array(v), [0.6], rtol=1e-6)


def test_schedules_clipping_and_weight_decay():
    cos = make_optimizer({"name": "sgd", "learning_rate": {"schedule": "cosine", "initial_learning_rate": 1.0, "decay_steps": 10}})
    assert float(cos.learning_rate) == pytest.approx(1.0)
    exp = make_optimizer({"name": "adam", "learning_rate": {"schedule": "exponential", "initial_learning_rate": 0.1,
                                                          "decay_steps": 10, "decay_rate": 0.5}})
    assert isinstance(exp._learning_rate, keras.optimizers.schedules.ExponentialDecay)
    clip = make_optimizer({"name": "sgd", "learning_rate": 1.0, "global_clipnorm": 1.0})
    v = keras.Variable([0.0, 0.0])
    clip.apply_gradients([(tf.constant([3.0, 4.0]), v)])
    np.testing.assert_allclose(np.array(v), [-0.6, -0.8], rtol=1e-6)  # the gradient scaled to norm 1
    with pytest.raises(KeyError, match="schedule"):
        make_optimizer({"name": "sgd", "learning_rate": {"schedule": "step"}})


def test_a_preset_trains_with_optimistic_adam_and_a_schedule():
    gan = toy_gan(**{"optimizers.g": {"name": "optimistic_adam", "learning_rate": 1e-3},
                     "optimizers.d.learning_rate": {"schedule": "cosine", "initial_learning_rate": 1e-3, "decay_steps": 100}})
    hist = gan.fit(points(32), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(hist.history["g_loss"][0]) and isinstance(gan.g_optimizer, OptimisticAdam)
