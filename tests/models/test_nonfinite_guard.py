"""The non-finite guard: NaNs injected into one batch; the dropped update is compared with runs that never
saw that batch (SGD: a dropped update changes nothing)."""

import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import NonFiniteError
from keras_gans.callbacks import NonFiniteGuard, RunCheckpoint
from keras_gans.cli import main
from keras_gans.models.nonfinite import D_GRADS, D_LOSS
from tests.helpers import points, toy_gan, weights

SGD = {"optimizers.d": {"name": "sgd", "learning_rate": 0.05}, "optimizers.g": {"name": "sgd", "learning_rate": 0.05}}


def _batches(bad=None, n=4, batch=8):
    x = points(n * batch).reshape(n, batch, 2)
    if bad is not None:
        x[bad] = np.nan  # the whole batch: real logits, D loss and D gradients go NaN
    return x


def _fit(batches, strategy=None, **overrides):
    gan = toy_gan(strategy=strategy, **{**SGD, **overrides})
    ds = tf.data.Dataset.from_tensor_slices(batches)
    return gan, ds


def test_stop_raises_with_the_step_and_keeps_d_as_before_the_bad_batch():
    gan, ds = _fit(_batches(bad=2))
    with pytest.raises(NonFiniteError) as e:
        gan.fit(ds, epochs=1, verbose=0)
    # (the discriminator gradients always; its loss too unless a fused ReLU maps the NaN inputs to 0 in the forward pass)
    assert "training stopped at step 3: the discriminator" in str(e.value) and "gradients became non-finite" in str(e.value)
    assert "learning rates too high (D 0.05, G 0.05)" in str(e.value)
    clean, clean_ds = _fit(_batches()[:2])
    clean.fit(clean_ds, epochs=1, verbose=0)
    for a, b in zip(weights(gan.discriminator), weights(clean.discriminator)):
        np.testing.assert_array_equal(a, b)  # step 3's D update was dropped
    assert all(np.isfinite(w).all() for w in weights(gan))


def test_skip_goes_on_and_reports_each_skipped_step():
    gan, ds = _fit(_batches(bad=1), **{"model.on_nonfinite": "skip"})
    guard = NonFiniteGuard("skip")
    gan.fit(ds, epochs=1, verbose=0, callbacks=[guard])
    assert [(s, c & D_GRADS, c & ~(D_LOSS | D_GRADS), a) for s, c, a in guard.events] == [(2, D_GRADS, 0, "skipped")]
    assert int(gan.g_optimizer.iterations.numpy()) == 4 and all(np.isfinite(w).all() for w in weights(gan))


def test_skip_stops_after_its_limit_in_a_row():
    gan, ds = _fit(np.stack([_batches(bad=0)[0]] * 4), **{"model.on_nonfinite": {"policy": "skip", "limit": 2}})
    with pytest.raises(NonFiniteError, match="3 updates in a row were non-finite"):
        gan.fit(ds, epochs=1, verbose=0)


def test_rollback_restores_the_last_good_state_and_halves_the_rates():
    gan, ds = _fit(_batches(bad=2), **{"model.on_nonfinite": "rollback"})
    gan.fit(ds, epochs=1, verbose=0)  # steps 1, 2, then 3 rolls back to step 0, then batch 4 makes step 1
    assert float(gan.d_optimizer.learning_rate) == np.float32(0.025) == float(gan.g_optimizer.learning_rate)  # 0.05 / 2
    assert int(gan.g_optimizer.iterations.numpy()) == 1
    # the same as one step from the initial state (weights and random state) at the halved rate on batch 4
    ref, ref_ds = _fit(_batches()[3:], **{"optimizers.d.learning_rate": 0.025, "optimizers.g.learning_rate": 0.025})
    ref.fit(ref_ds, epochs=1, verbose=0)
    for a, b in zip(weights(gan), weights(ref)):
        np.testing.assert_allclose(a, b, atol=1e-7)


def test_the_flag_is_all_reduced_over_replicas(two_replica_strategy):
    # NaN only in the rows replica 1 receives: both replicas drop the update, as one replica does
    x = _batches()
    x[2, 4:] = np.nan
    results = []
    for strategy in (tf.distribute.OneDeviceStrategy("/cpu:0"), two_replica_strategy):
        gan, ds = _fit(x, strategy=strategy)
        with pytest.raises(NonFiniteError, match="step 3"):
            gan.fit(ds, epochs=1, verbose=0)
        results.append(weights(gan.discriminator))
    for a, b in zip(*results):
        np.testing.assert_allclose(a, b, atol=1e-5)


def test_non_finite_weights_are_never_checkpointed_or_exported(tmp_path, capsys):
    gan = toy_gan()
    ckpt = RunCheckpoint(gan, str(tmp_path / "ckpt"))
    assert ckpt.save() is not None
    gan.discriminator.weights[0].assign(np.full(gan.discriminator.weights[0].shape, np.nan, np.float32))
    assert ckpt.save() is None and "not checkpointed" in capsys.readouterr().err
    assert len(ckpt.manager.checkpoints) == 1
    gan.generator.weights[0].assign(np.full(gan.generator.weights[0].shape, np.inf, np.float32))
    with pytest.raises(NonFiniteError, match="nothing was exported"):
        gan.export_generator(str(tmp_path / "g"))
    assert not (tmp_path / "g").exists()


def test_a_diverging_cli_run_stops_with_exit_3_and_exports_nothing(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["train", "gaussian_ring", "--out", str(out), "--steps", "50", "--checkpoint-every", "1",
                 "--sample-every", "0", "--set", "optimizers.d.learning_rate=1e30", "--set", "optimizers.g.learning_rate=1e30",
                 "--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16"])
    err = capsys.readouterr().err
    assert code == 3 and "training stopped at step" in err and "learning rates too high (D 1e+30, G 1e+30)" in err
    assert "Traceback" not in err and not (out / "generator").exists()
    reader = tf.train.load_checkpoint(str(out / "checkpoints"))
    step = int(os.path.basename(tf.train.latest_checkpoint(str(out / "checkpoints"))).split("-")[1])
    assert f"last good checkpoint is step {step}" in err
    for name in reader.get_variable_to_shape_map():
        value = reader.get_tensor(name)
        if np.issubdtype(np.asarray(value).dtype, np.floating):
            assert np.isfinite(value).all(), name


def test_the_causes_follow_the_gan():
    from keras_gans.models.nonfinite import likely_causes
    from tests.helpers import tiny_image_gan

    wgan = tiny_image_gan("dcgan", loss="wasserstein", precision="mixed_bfloat16")  # no penalty, no clipping
    causes = " | ".join(likely_causes(wgan))
    assert "neither a gradient penalty nor weight clipping" in causes and "reduced precision" in causes
    plain = " | ".join(likely_causes(tiny_image_gan("wgan_gp")))  # GP 10, float32
    assert "gradient penalty" not in plain and "reduced precision" not in plain
