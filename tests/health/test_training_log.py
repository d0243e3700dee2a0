"""TrainingLog: each row's values against values computed by hand from the networks and the data."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.callbacks import TrainingLog
from keras_gans.health import read_history
from keras_gans.metrics.diversity import mean_pairwise_distance
from keras_gans.models.nonfinite import D_GRADS, D_LOSS, checked_gradients
from tests.helpers import points, toy_gan

FROZEN = {"optimizers.g": {"name": "sgd", "learning_rate": 0.0}, "optimizers.d": {"name": "sgd", "learning_rate": 0.0}}


def test_a_row_holds_the_mean_over_its_steps_of_d_logits_on_the_real_batches(tmp_path):
    gan = toy_gan(**FROZEN)  # weights that never move: D's logits can be computed after training
    x = points(96)
    gan.fit(x, batch_size=8, epochs=1, shuffle=False, verbose=0,
            callbacks=[TrainingLog(str(tmp_path), every_n_steps=4, diversity_n=16)])
    rows = read_history(str(tmp_path / "history.csv"))[1]
    assert [r["step"] for r in rows] == [4, 8, 12]
    logits = gan.discriminator(x, training=False).numpy().ravel()
    for k, row in enumerate(rows):
        window = logits[32 * k: 32 * (k + 1)]  # the 4 batches of 8 of rows k
        assert row["real_logit"] == pytest.approx(float(window.mean()), rel=1e-5, abs=1e-6)
        stds = [window[8 * i: 8 * (i + 1)].std() for i in range(4)]
        assert row["real_logit_std"] == pytest.approx(float(np.mean(stds)), rel=1e-4, abs=1e-6)
        assert row["r_t"] == pytest.approx(float(np.mean(np.sign(window))), abs=1e-6)
        assert row["real_accuracy"] == pytest.approx(float(np.mean(window > 0)), abs=1e-6)
        assert row["d_update_ratio"] == 0.0 and row["g_update_ratio"] == 0.0
    z = np.random.default_rng(4321).standard_normal((16, gan.latent_dim)).astype(np.float32)
    assert rows[-1]["diversity"] == pytest.approx(mean_pairwise_distance(gan.generator(z).numpy()), rel=1e-5)


def test_the_update_ratio_of_sgd_is_the_rate_times_the_gradient_norm_over_the_weight_norm(tmp_path):
    rate = 0.05
    gan = toy_gan(**{"optimizers.d": {"name": "sgd", "learning_rate": rate}})
    norms = []

    class WeightNorm(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            norms.append(np.sqrt(sum(float(np.sum(np.square(v.numpy()))) for v in gan.d_variables)))

    gan.fit(points(64), batch_size=8, epochs=1, shuffle=False, verbose=0,
            callbacks=[WeightNorm(), TrainingLog(str(tmp_path), every_n_steps=1, diversity_n=0)])
    rows = read_history(str(tmp_path / "history.csv"))[1]
    assert len(rows) == 8
    for row, norm in zip(rows, norms):  # one SGD step: w' - w = -rate * g
        assert row["d_update_ratio"] == pytest.approx(rate * row["d_grad_norm"] / norm, rel=1e-3)
        assert row["d_learning_rate"] == pytest.approx(rate)


def test_the_gradient_norm_of_an_update_is_the_global_l2_norm():
    grads = [tf.constant([[3.0, 0.0], [0.0, 4.0]]), None, tf.constant([12.0])]
    code, _, norm = checked_gradients(keras.optimizers.SGD(), tf.constant(1.0), grads, D_LOSS, D_GRADS)
    assert int(code) == 0 and float(norm) == pytest.approx(13.0)
    code, kept, norm = checked_gradients(keras.optimizers.SGD(), tf.constant(float("nan")), grads, D_LOSS, D_GRADS)
    assert int(code) == D_LOSS and float(norm) == 0.0 and float(tf.reduce_sum(kept[0])) == 0.0


def test_the_gradient_norm_under_loss_scaling_is_the_unscaled_one():
    optimizer = keras.optimizers.LossScaleOptimizer(keras.optimizers.SGD(), initial_scale=1024.0)
    optimizer.build([keras.Variable([0.0, 0.0])])
    scaled = [tf.constant([3.0 * 1024.0, 4.0 * 1024.0])]
    _, _, norm = checked_gradients(optimizer, tf.constant(1.0), scaled, D_LOSS, D_GRADS)
    assert float(norm) == pytest.approx(5.0)


def test_a_resumed_fit_keeps_the_rows_up_to_its_step_and_appends_the_rest(tmp_path):
    gan = toy_gan()
    log = TrainingLog(str(tmp_path), every_n_steps=2, diversity_n=0)
    gan.fit(points(64), batch_size=8, epochs=1, verbose=0, callbacks=[log])
    history = tmp_path / "history.csv"
    with open(history, "a") as f:
        f.write("10,1.0\n12,1.")  # rows a killed run wrote after the step it resumes from, the last one torn
    gan.fit(points(64), batch_size=8, epochs=1, verbose=0, callbacks=[TrainingLog(str(tmp_path), every_n_steps=2, diversity_n=0)])
    steps = [r["step"] for r in read_history(str(history))[1]]
    assert steps == list(range(2, 17, 2))


# what is exactly the same on 1 and 2 replicas: means over the global batch (the gradient norm is each replica's share)
GLOBAL = ("d_loss", "g_loss", "real_logit", "fake_logit", "real_logit_std", "fake_logit_std", "r_t", "real_accuracy",
          "fake_accuracy", "diversity")


def test_one_and_two_replicas_log_the_same_rows(tmp_path, two_replica_strategy):
    rows = []
    for k, strategy in enumerate((tf.distribute.get_strategy(), two_replica_strategy)):
        with strategy.scope():
            gan = toy_gan(strategy=strategy, **{"batch_size": 16})
        data = tf.data.Dataset.from_tensor_slices(points(64)).repeat().batch(16, drop_remainder=True).take(8)
        gan.fit(data, epochs=1, verbose=0, callbacks=[TrainingLog(str(tmp_path / str(k)), every_n_steps=4, diversity_n=8)])
        rows.append(read_history(str(tmp_path / str(k) / "history.csv"))[1])
    assert [r["step"] for r in rows[0]] == [r["step"] for r in rows[1]] == [4, 8]
    for one, two in zip(*rows):
        for name in GLOBAL:
            assert two[name] == pytest.approx(one[name], rel=1e-4, abs=1e-6), name


def test_without_health_logs_the_step_trains_the_same_and_logs_none_of_them(tmp_path):
    from keras_gans.models.gan_objectives import HEALTH_LOGS

    with_logs, without = toy_gan(seed=3), toy_gan(seed=3, **{"model.health_logs": False})
    histories = [gan.fit(points(64), batch_size=8, epochs=1, shuffle=False, verbose=0).history for gan in (with_logs, without)]
    assert set(HEALTH_LOGS) | {"r_t"} <= set(histories[0]) and not (set(HEALTH_LOGS) | {"r_t"}) & set(histories[1])
    assert histories[1]["d_loss"] == pytest.approx(histories[0]["d_loss"]) and histories[1]["real_accuracy"] == pytest.approx(histories[0]["real_accuracy"])
    for a, b in zip(with_logs.generator.weights, without.generator.weights):  # the same updates: the logs only read
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert not without.get_config()["health_logs"]
    without.fit(points(16), batch_size=8, epochs=1, verbose=0, callbacks=[TrainingLog(str(tmp_path), every_n_steps=1, diversity_n=0)])
    columns, rows = read_history(str(tmp_path / "history.csv"))
    assert len(rows) == 2 and "d_loss" in columns and "real_logit" not in columns
