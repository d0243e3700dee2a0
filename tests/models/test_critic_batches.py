"""Each critic update gets its own real batch (Gulrajani et al. 2017, Algorithm 1)."""

import numpy as np
import tensorflow as tf

from keras_gans.models.training_data import group_critic_batches
from tests.helpers import max_abs_diff, points, toy_gan, weights

SGD = {"optimizers.d": {"name": "sgd", "learning_rate": 0.1}, "optimizers.g": {"name": "sgd", "learning_rate": 0.1},
       "model.d_steps": 3}


def test_grouping_puts_consecutive_batches_side_by_side():
    x = points(48)
    ds = tf.data.Dataset.from_tensor_slices((x, np.arange(48))).batch(8, drop_remainder=True)
    grouped = list(group_critic_batches(ds, 3, sample_rank=1))
    assert len(grouped) == 2 and grouped[0][0].shape == (8, 3, 2) and grouped[0][1].shape == (8, 3)
    for step, (g, labels) in enumerate(grouped):
        for i in range(3):
            np.testing.assert_array_equal(g[:, i].numpy(), x[(3 * step + i) * 8:(3 * step + i + 1) * 8])
            np.testing.assert_array_equal(labels[:, i].numpy(), np.arange(48)[(3 * step + i) * 8:(3 * step + i + 1) * 8])


def test_the_step_uses_batch_i_for_critic_update_i():
    x = points(24)
    batches = [tf.constant(x[i * 8:(i + 1) * 8]) for i in range(3)]
    trained = toy_gan(**SGD)
    trained.fit(x, batch_size=8, epochs=1, verbose=0, shuffle=False)
    by_hand = toy_gan(**SGD)  # the same initial weights and seeds: the three updates made one by one

    @tf.function
    def step():
        by_hand.critic_step(batches[0])
        by_hand.critic_step(batches[1])
        by_hand.game_step(batches[2])

    step()
    assert max_abs_diff(weights(trained), weights(by_hand)) < 1e-6
    same_batch = toy_gan(**SGD)  # the old behaviour, one real batch for all three: a different result
    same_batch.fit(np.concatenate([x[:8]] * 3), batch_size=8, epochs=1, verbose=0, shuffle=False)
    assert max_abs_diff(weights(trained), weights(same_batch)) > 1e-4
