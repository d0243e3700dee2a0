"""ProgressiveGAN: the schedule, one trace per stage in one fit, the blended reals, 1 vs 2 replicas,
a resume in the middle of a fade-in, a changed schedule refused, early export at the final size."""

import json
import os

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.checks import ConfigError
from keras_gans.cli import main
from keras_gans.models.growth_schedule import GrowthSchedule
from tests.helpers import images, max_abs_diff, tiny_progressive_gan, weights


def test_schedule_counts_phases_in_steps_and_alpha_is_linear_in_images():
    s = GrowthSchedule([4, 8, 16], fade_images=100, stable_images=64, batch_sizes={4: 32, 8: 16, 16: 8})
    # stage 0: 64/32 = 2 stable steps; stage 1: ceil(100/16) = 7 fade + 4 stable; stage 2: 13 fade + 8 stable
    assert s.starts == [0, 2, 13] and s.fade_steps == [0, 7, 13] and s.total_steps == 34
    assert [s.stage_at(t) for t in (0, 1, 2, 12, 13, 100)] == [0, 0, 1, 1, 2, 2]
    assert s.next_boundary(0) == 2 and s.next_boundary(5) == 13 and s.next_boundary(13) is None
    assert s.alpha_at(0, 0) == 1.0
    assert [s.alpha_at(t, 1) for t in (2, 3, 9, 12)] == pytest.approx([0.0, 1 / 7, 1.0, 1.0])
    assert s.alpha_at(13 + 6, 2) == pytest.approx(6 / 13)
    assert s.phase(3) == (8, "fade-in", pytest.approx(1 / 7))
    with pytest.raises(ConfigError, match=r"missing \[16\]"):
        GrowthSchedule([4, 8, 16], 10, 10, {4: 8, 8: 8})


@pytest.mark.large  # one trace per stage, every stage
def test_one_fit_runs_the_whole_schedule_with_one_trace_per_stage():
    gan = tiny_progressive_gan()
    traced, alphas = [], []
    step = gan.train_step

    def counting(data):  # Python runs only while TensorFlow traces the step
        traced.append(gan.stage)
        return step(data)

    gan.train_step = counting

    class Alphas(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            alphas.append((int(logs["resolution"]), float(logs["alpha"])))

    gan.fit(images(64, 16), batch_size=8, epochs=2, callbacks=[Alphas()], verbose=0)  # 16 steps: 2+4+4 and 6 more
    assert traced == [0, 1, 2]
    # 2 stable steps at 4px; per later stage 2 fade-in steps (alpha 0, 1/2) then stable
    assert alphas[:10] == [(4, 1.0), (4, 1.0), (8, 0.0), (8, 0.5), (8, 1.0), (8, 1.0), (16, 0.0), (16, 0.5), (16, 1.0), (16, 1.0)]
    assert gan.generate(3).shape == (3, 16, 16, 1)
    assert gan.sample_caption() == ", 16x16 stable"


def test_reals_are_averaged_to_the_stage_and_blended_with_alpha_and_the_stage_batch_is_taken():
    gan = tiny_progressive_gan(growth={"fade_images": 16, "stable_images": 16, "batch_sizes": {"4": 8, "8": 4, "16": 8}})
    x = images(8, 16)
    gan.set_stage(1)
    gan.discriminator.alpha.assign(0.25)
    got = np.array(gan.prepare_real(tf.constant(x)))
    avg = lambda a, f: a.reshape(len(a), a.shape[1] // f, f, a.shape[2] // f, f, a.shape[3]).mean(axis=(2, 4))  # noqa: E731
    up = lambda a, f: np.repeat(np.repeat(a, f, axis=1), f, axis=2)  # noqa: E731
    x8 = avg(x[::2], 2)  # the 8px stage trains on batches of 4: every other image of the data's 8
    want = up(0.25 * x8 + 0.75 * up(avg(x8, 2), 2), 2)
    assert got.shape == (4, 16, 16, 1)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


@pytest.mark.large  # every stage traced on 1 and 2 replicas
def test_one_and_two_replicas_agree_across_a_stage_change(two_replica_strategy):
    growth = {"fade_images": 16, "stable_images": 16, "batch_sizes": {"4": 16, "8": 8, "16": 8}}  # step 2: alpha 1/2
    fast = {"optimizers.d.learning_rate": 1e-2, "optimizers.g.learning_rate": 1e-2, "model.growth": growth}
    ds = lambda: tf.data.Dataset.from_tensor_slices(images(64, 16)).repeat().batch(16, drop_remainder=True).take(3)  # noqa: E731
    runs = []
    for strategy in (tf.distribute.OneDeviceStrategy("/cpu:0"), two_replica_strategy):
        gan = tiny_progressive_gan(strategy=strategy, **{**fast, "batch_size": 16})
        gan.fit(ds(), epochs=1, verbose=0)
        assert gan.stage == 1 and float(gan.generator.alpha.numpy()) == 0.5
        runs.append(weights(gan.generator) + weights(gan.discriminator))
    fresh = tiny_progressive_gan(**{**fast, "batch_size": 16})
    assert max_abs_diff(runs[0], weights(fresh.generator) + weights(fresh.discriminator)) > 1e-2
    assert max_abs_diff(runs[0], runs[1]) < 1e-4


def test_growth_is_written_to_tensorboard_and_the_gan_round_trips_through_keras_files(tmp_path):
    from keras_gans.callbacks import GrowthCallback

    gan = tiny_progressive_gan()
    gan.fit(images(32, 16), batch_size=8, epochs=1, steps_per_epoch=4, callbacks=[GrowthCallback(str(tmp_path / "tb"))],
            verbose=0)  # 4 steps: the last one (step 3) in the 8px fade-in at alpha 1/2
    seen = {}
    for path in tf.io.gfile.glob(str(tmp_path / "tb" / "*")):
        for event in tf.compat.v1.train.summary_iterator(path):
            for v in event.summary.value:
                seen.setdefault(v.tag, []).append((event.step, float(tf.make_ndarray(v.tensor))))
    assert (2, 8.0) in seen["growth/resolution"] and (0, 4.0) in seen["growth/resolution"]
    assert seen["growth/alpha"][-1] == (4, 0.5)
    gan.save(str(tmp_path / "gan.keras"))
    back = keras.models.load_model(str(tmp_path / "gan.keras"))
    assert back.stage == 1 and back.schedule.starts == gan.schedule.starts
    np.testing.assert_allclose(back.generate(4, seed=0), gan.generate(4, seed=0), rtol=1e-5, atol=1e-6)


def _cli_run(tmp_path, name, steps, *extra):
    data = tmp_path / "digits.npz"
    if not data.exists():
        np.savez(data, x=np.random.default_rng(0).integers(0, 256, (96, 16, 16, 1), dtype=np.uint8))
    growth = json.dumps({"fade_images": 32, "stable_images": 32, "batch_sizes": {"4": 8, "8": 8, "16": 8}})
    tiny = ["--set", "resolution=16", "--set", "latent_dim=8", "--set", "batch_size=8", "--set", "precision=float32",
            "--set", "jit_compile=false", "--set", f"model.growth={growth}"]
    for net in ("generator", "discriminator"):
        tiny += ["--set", f"{net}.fmap_base=32", "--set", f"{net}.fmap_max=8"]
    out = str(tmp_path / name)
    argv = ["train", "progressive_gan", "--dataset", str(data), "--out", out, "--steps", str(steps),
            "--checkpoint-every", "3", "--sample-every", "0", *tiny, *extra]
    return main(argv), out


def _checkpoint(out):
    reader = tf.train.load_checkpoint(os.path.join(out, "checkpoints"))
    names = sorted(n for n in reader.get_variable_to_shape_map()
                   if ("OPTIMIZER_SLOT" in n or n.endswith("VARIABLE_VALUE")) and not n.startswith("save_counter"))
    return {n: reader.get_tensor(n) for n in names}


@pytest.mark.large  # three CLI trainings through every stage
def test_a_resume_in_the_middle_of_a_fade_in_is_bit_identical_to_an_uninterrupted_run(tmp_path):
    # stages: 4px steps 0-3, 8px fade-in steps 4-7 and stable 8-11, 16px fade-in from 12; stop at 6 (alpha 1/2)
    assert _cli_run(tmp_path, "whole", 15)[0] == 0
    assert _cli_run(tmp_path, "split", 6)[0] == 0
    code, split = _cli_run(tmp_path, "split", 15, "--resume")
    assert code == 0
    whole, resumed = _checkpoint(str(tmp_path / "whole")), _checkpoint(split)
    assert whole.keys() == resumed.keys() and len(whole) > 40
    for name in whole:
        np.testing.assert_array_equal(whole[name], resumed[name], err_msg=name)


def test_resume_under_a_changed_schedule_is_refused_with_the_reason(tmp_path, capsys):
    code, out = _cli_run(tmp_path, "run", 6)
    assert code == 0
    config = json.load(open(os.path.join(out, "config.json")))
    config["model"]["growth"]["fade_images"] = 64
    json.dump(config, open(os.path.join(out, "config.json"), "w"))
    assert main(["train", out, "--resume", "--steps", "12"]) == 2
    assert "another growth schedule" in capsys.readouterr().err
    assert main(["train", out, "--resume", "--steps", "12", "--set", "model.growth.stable_images=8"]) == 2
    assert "growth schedule" in capsys.readouterr().err


def test_a_generator_stopped_early_exports_the_final_resolution(tmp_path):
    code, out = _cli_run(tmp_path, "early", 2)  # still at 4x4
    assert code == 0
    served = tf.saved_model.load(os.path.join(out, "generator")).signatures["serve"](z=tf.ones((2, 8)))["images"].numpy()
    assert served.shape == (2, 16, 16, 1)
    np.testing.assert_array_equal(served, np.repeat(np.repeat(served[:, ::4, ::4], 4, axis=1), 4, axis=2))
    assert tf.io.gfile.glob(os.path.join(out, "tensorboard", "events.out.tfevents*"))  # the stage and alpha, for TensorBoard
