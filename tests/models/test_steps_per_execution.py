"""``steps_per_execution``: N steps per call of the compiled training function train exactly as N calls of
one step, and a step flagged non-finite inside an execution still reaches the guard."""

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import NonFiniteError
from keras_gans.callbacks import SampleGrid
from keras_gans.models.nonfinite import D_GRADS, NonFiniteFlags
from tests.helpers import images, points, tiny_image_gan, toy_gan, weights

SGD = {"optimizers.d": {"name": "sgd", "learning_rate": 0.05}, "optimizers.g": {"name": "sgd", "learning_rate": 0.05}}


def _fit(make, data, n, steps=4, callbacks=()):
    gan = make(n)
    ds = tf.data.Dataset.from_tensor_slices(data).repeat().batch(8, drop_remainder=True).take(steps)
    gan.fit(ds, epochs=1, verbose=0, callbacks=list(callbacks))
    return gan


@pytest.mark.parametrize("make,data", [
    # batch-normalised DCGAN with the EMA of G (Adam, BN statistics, the EMA's step counter)
    (lambda n: tiny_image_gan("dcgan_ema", steps_per_execution=n), images(32)),
    # two critic steps per G step and R1 every second step (the lazy regulariser's counter)
    (lambda n: toy_gan(steps_per_execution=n, **{"model.d_steps": 2, "regularizers.r1.every": 2,
                                                   "optimizers.d.learning_rate": 1e-2, "optimizers.g.learning_rate": 1e-2}), points(64)),
])
def test_two_steps_per_execution_equal_two_calls_of_one_step(make, data):
    one = _fit(make, data, 1)
    two = _fit(make, data, 2)
    assert two.steps_per_execution == 2
    assert int(two.g_optimizer.iterations.numpy()) == int(one.g_optimizer.iterations.numpy()) >= 2
    fresh = make(1)
    assert max(np.max(np.abs(a - b)) for a, b in zip(weights(one), weights(fresh))) > 1e-3  # it trained
    for a, b in zip(weights(one), weights(two)):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


def test_a_non_finite_step_inside_an_execution_reaches_the_guard():
    x = points(4 * 8).reshape(4, 8, 2)
    x[0] = np.nan  # step 1 of the execution of steps 1-2: fit only sees the logs of step 2
    gan = toy_gan(steps_per_execution=2, **SGD)
    with pytest.raises(NonFiniteError, match="training stopped at step 2: the discriminator"):
        gan.fit(tf.data.Dataset.from_tensor_slices(x), epochs=1, verbose=0)


def test_the_flags_or_the_codes_until_reset():
    flags = NonFiniteFlags()
    for code in (0, D_GRADS, 0, 1):
        flags.update_state(code)
    assert int(flags.result()) == D_GRADS | 1
    flags.reset_state()
    assert int(flags.result()) == 0


def test_sample_grids_are_written_when_an_execution_crosses_their_interval(tmp_path):
    grid = SampleGrid(str(tmp_path), every_n_steps=3, n=4)
    _fit(lambda n: toy_gan(steps_per_execution=n), points(64), 2, steps=8, callbacks=[grid])
    # executions end at steps 2, 4, 6, 8: the multiples of 3 (3, 6) fall in the ones ending at 4 and 6
    assert sorted(p.name for p in tmp_path.glob("samples_*.png")) == [
        "samples_0000004.png", "samples_0000006.png", "samples_0000008.png"]
