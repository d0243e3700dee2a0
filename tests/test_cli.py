import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.cli import main

TINY = ["--set", "generator.units=[16,16]", "--set", "discriminator.units=[16,16]", "--set", "batch_size=32"]


def test_train_resume_sample_export_list(tmp_path, capsys):
    out = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--steps", "20", "--out", out, "--sample-every", "10", "--checkpoint-every", "10", *TINY]) == 0
    assert sorted(f for f in os.listdir(out) if f.startswith("samples_")) == ["samples_0000010.png", "samples_0000020.png"]
    assert os.path.exists(os.path.join(out, "generator", "saved_model.pb"))
    # a second train without --resume refuses to overwrite the run
    assert main(["train", "gaussian_ring", "--steps", "30", "--out", out]) == 2
    assert "--resume" in capsys.readouterr().err
    # resume continues from step 20 to 30, with the run's own config
    assert main(["train", "gaussian_ring", "--steps", "30", "--out", out, "--resume", "--checkpoint-every", "10"]) == 0
    assert "step 30" in capsys.readouterr().out
    grid = str(tmp_path / "grid.png")
    assert main(["sample", out, "--n", "100", "--out", grid]) == 0
    assert tf.io.decode_png(tf.io.read_file(grid)).shape[0] > 100
    assert main(["sample", out, "--n", "16", "--jacobian-truncation", "0.5", "--out", grid]) == 0
    assert "Jacobian truncation 0.5" in capsys.readouterr().out
    assert main(["export", out, "--out", str(tmp_path / "exp")]) == 0
    assert os.path.exists(tmp_path / "exp" / "saved_model.pb")
    assert main(["list"]) == 0
    assert "wgan_gp" in capsys.readouterr().out


def test_resume_restores_exact_state(tmp_path):
    # 10 + 10 resumed steps equal 20 uninterrupted ones: weights, optimizer slots and RNG state restored
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    common = ["--checkpoint-every", "10", "--sample-every", "0", *TINY, "--set", "dataset.num_samples=320"]
    assert main(["train", "gaussian_ring", "--steps", "20", "--out", a, *common]) == 0
    assert main(["train", "gaussian_ring", "--steps", "10", "--out", b, *common]) == 0
    assert main(["train", "gaussian_ring", "--steps", "20", "--out", b, "--resume", *common]) == 0
    za = tf.saved_model.load(os.path.join(a, "generator")).signatures["serve"](z=tf.ones((4, 2)))["points"]
    zb = tf.saved_model.load(os.path.join(b, "generator")).signatures["serve"](z=tf.ones((4, 2)))["points"]
    assert not np.allclose(za.numpy(), 0)
    np.testing.assert_allclose(za.numpy(), zb.numpy(), atol=1e-5)


def test_resume_keeps_the_state_of_stateful_tricks_and_steps_default_to_the_preset(tmp_path):
    # EMA of G, replay buffer, running averages, D/G balance: 10 + 10 resumed steps equal 20 in one go
    # (at the preset's lr of 1e-3 two identical uninterrupted runs already differ by 4e-5: Adam magnifies
    # float noise of near-zero gradients; at 1e-4 they agree to 1e-6)
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    common = ["--checkpoint-every", "10", "--sample-every", "0", *TINY, "--set", "dataset.num_samples=320",
              "--set", "optimizers.d.learning_rate=1e-4", "--set", "optimizers.g.learning_rate=1e-4",
              "--set", 'replay_buffer={"size": 64}', "--set", "regularizers.historical_averaging.weight=0.01",
              "--set", "g_regularizers.historical_averaging.weight=0.01", "--set", 'model.balance={"d_max_accuracy": 0.7}']
    assert main(["train", "gaussian_ring_stable", "--set", "steps=20", "--out", a, *common]) == 0  # the preset's steps
    assert main(["train", "gaussian_ring_stable", "--steps", "10", "--out", b, *common]) == 0
    assert main(["train", "gaussian_ring_stable", "--steps", "20", "--out", b, "--resume", *common]) == 0
    serve = lambda run: tf.saved_model.load(os.path.join(run, "generator")).signatures["serve"](z=tf.ones((4, 2)))["points"]  # noqa: E731
    np.testing.assert_allclose(serve(a).numpy(), serve(b).numpy(), atol=1e-5)  # the EMA generator, exported


@pytest.mark.parametrize(
    "argv,message",
    [
        (["train", "wgan-gp"], "Did you mean 'wgan_gp'"),
        (["train", "dcgan", "--set", "learning_rate=1"], "Valid keys"),
        (["train", "dcgan", "--dataset", "/no/such/folder"], "does not exist"),
        (["sample", "/no/such/run"], "not a run directory"),
    ],
)
def test_bad_input_exits_2_with_a_message(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_wrong_data_shape_fails_before_the_run_directory_is_written(tmp_path, capsys):
    # images given to the 2-D toy preset: a clear error naming both shapes, and no run directory left behind
    np.savez(tmp_path / "rgb32.npz", x=np.zeros((300, 32, 32, 3), np.uint8))
    out = tmp_path / "run"
    assert main(["train", "gaussian_ring", "--dataset", str(tmp_path / "rgb32.npz"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "shape (32, 32, 3), but the discriminator takes (2,)" in err and "Traceback" not in err
    assert not (out / "config.json").exists()
