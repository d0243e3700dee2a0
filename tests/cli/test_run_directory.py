"""Run directories that survive interruptions, damage and moves."""

import glob
import json
import os
import shutil

import numpy as np
import tensorflow as tf

from keras_gans.cli import main

TINY = ["--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16",
        "--sample-every", "0", "--checkpoint-every", "5"]


def _serve(run):
    return tf.saved_model.load(os.path.join(run, "generator")).signatures["serve"](z=tf.ones((4, 2)))["points"].numpy()


def _npz(path, seed=0):
    np.savez(path, x=np.random.default_rng(seed).standard_normal((160, 2)).astype(np.float32))
    return str(path)


def test_config_is_written_once_and_resume_does_not_rewrite_it(tmp_path):
    out = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", out, "--steps", "5", *TINY]) == 0
    config = os.path.join(out, "config.json")
    before = (os.stat(config).st_ino, os.stat(config).st_mtime_ns, open(config).read())
    assert main(["train", out, "--resume", "--steps", "10", *TINY[-4:]]) == 0  # `train RUN --resume`
    assert (os.stat(config).st_ino, os.stat(config).st_mtime_ns, open(config).read()) == before
    assert not glob.glob(config + ".tmp*")


def test_a_damaged_latest_checkpoint_falls_back_to_the_previous_one(tmp_path, capsys):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert main(["train", "gaussian_ring", "--out", a, "--steps", "15", *TINY]) == 0
    assert main(["train", "gaussian_ring", "--out", b, "--steps", "10", *TINY]) == 0
    data = glob.glob(os.path.join(b, "checkpoints", "ckpt-10.data*"))[0]
    with open(data, "r+b") as f:
        f.truncate(os.path.getsize(data) // 2)  # a truncated latest checkpoint
    os.makedirs(os.path.join(b, "checkpoints", "ckpt-15_temp"))  # left by a save that was killed
    capsys.readouterr()
    assert main(["train", b, "--resume", "--steps", "15", *TINY[-4:]]) == 0
    err = capsys.readouterr().err
    assert "ckpt-10 cannot be read" in err and "falling back to the previous one" in err
    assert not glob.glob(os.path.join(b, "checkpoints", "*_temp*"))
    np.testing.assert_array_equal(_serve(a), _serve(b))  # 5 -> 15 again gives the uninterrupted weights


def test_a_deleted_index_falls_back_and_no_intact_checkpoint_is_a_clear_error(tmp_path, capsys):
    out = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", out, "--steps", "10", *TINY]) == 0
    os.remove(os.path.join(out, "checkpoints", "ckpt-10.index"))
    assert main(["sample", out, "--out", str(tmp_path / "s.png")]) == 0
    assert "(step 5)" in capsys.readouterr().out
    for index in glob.glob(os.path.join(out, "checkpoints", "*.index")):
        os.remove(index)
    assert main(["export", out, "--out", str(tmp_path / "g")]) == 2
    err = capsys.readouterr().err
    assert "None of the checkpoints" in err and "Traceback" not in err


def test_a_moved_dataset_is_named_and_can_be_re_pointed(tmp_path, capsys):
    old, new = _npz(tmp_path / "points.npz"), str(tmp_path / "moved.npz")
    out = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--dataset", old, "--out", out, "--steps", "5", *TINY]) == 0
    shutil.move(old, new)
    capsys.readouterr()
    assert main(["train", out, "--resume", "--steps", "10", *TINY[-4:]]) == 2
    err = capsys.readouterr().err
    assert f"{old!r} (recorded in {os.path.join(out, 'config.json')}), no longer exists" in err
    assert "--resume --dataset NEW_PATH" in err
    assert main(["train", out, "--resume", "--dataset", new, "--steps", "10", *TINY[-4:]]) == 0
    assert f"re-pointed from {old!r} to {new!r}" in capsys.readouterr().err
    assert json.load(open(os.path.join(out, "config.json")))["dataset"]["name"] == new


def test_a_failed_start_leaves_no_run_directory(tmp_path, capsys):
    # a run that fails after config.json is written but before its first checkpoint (here: it diverges at once)
    out = tmp_path / "run"
    diverging = ["--set", "optimizers.d.learning_rate=1e30", "--set", "optimizers.g.learning_rate=1e30"]
    assert main(["train", "gaussian_ring", "--out", str(out), "--steps", "20", *TINY, *diverging]) == 3
    assert "was removed: the run failed before its first checkpoint" in capsys.readouterr().err
    assert not out.exists()
    assert main(["train", "gaussian_ring", "--out", str(out), "--steps", "5", *TINY]) == 0  # the corrected command


def test_eval_prints_its_table_before_writing_and_a_full_disk_is_a_clear_error(tmp_path, capsys):
    out = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", out, "--steps", "5", *TINY]) == 0
    os.symlink("/dev/full", os.path.join(out, "metrics.json"))  # writing there fails with ENOSPC
    capsys.readouterr()
    assert main(["eval", out, "--metrics", "modes", "--n", "200"]) == 2
    captured = capsys.readouterr()
    assert "balanced_modes" in captured.out  # the table, printed before the write
    assert "No space left on device" in captured.err and "free some space" in captured.err
    assert "Traceback" not in captured.err
