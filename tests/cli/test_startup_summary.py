"""``keras-gans train`` says what it trains on, how big the networks are and what the run will take on disk,
and warns where a legal setting is costly."""

import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.cli import main, summary
from tests.helpers import tiny_image_gan


def _folder(path, n, shape):
    for i in range(n):
        folder = path / ("cats" if i % 2 else "dogs")
        os.makedirs(folder, exist_ok=True)
        tf.io.write_file(str(folder / f"{i}.png"), tf.io.encode_png(np.full(shape, i, np.uint8)))
    return str(path)


def test_the_data_line_says_what_was_found_and_done(tmp_path):
    root = _folder(tmp_path / "pets", 12, (6, 6, 3))
    ds = data.load(root, batch_size=4, image_size=8, channels=1)
    preset = {"dataset": {"name": root}, "resolution": 8, "channels": 1}
    line = summary.describe_data(ds, preset)
    assert line == ("data: 12 images 6x6x3 (image folder; 2 classes); resized to 8x8 (bilinear), "
                    "3-channel images converted to 1 channel")


def test_the_disk_estimate_matches_a_written_checkpoint(tmp_path):
    from keras_gans.callbacks import RunCheckpoint

    gan = tiny_image_gan("dcgan_ema")
    path = RunCheckpoint(gan, str(tmp_path)).save()
    held = sum(int(np.prod(shape)) * 4 for _, shape in tf.train.list_variables(path))  # all float32 / int32 here
    assert abs(summary.state_bytes(gan) - held) <= 16  # every tensor it holds, but its save counter
    total, _ = summary.disk_estimate(gan, {"resolution": 28, "channels": 1}, steps=1000, sample_every=500)
    generator = sum(int(np.prod(v.shape)) * 4 for v in gan.generator.weights)
    assert total == 3 * summary.state_bytes(gan) + generator + 3 * 64 * 28 * 28


def test_costly_settings_are_warned_about_with_the_estimate(tmp_path, monkeypatch):
    gan = tiny_image_gan(**{"model.d_steps": 40})
    ds = data.load("ring", batch_size=8)
    preset = {"dataset": {"name": "ring"}, "resolution": 28, "channels": 1}
    lines, warnings = summary.startup_lines(gan, ds, preset, 100, 50, str(tmp_path / "run"))
    assert lines[1].startswith("networks: G ") and f"{gan.generator.count_params():,} parameters" in lines[1]
    assert [w for w in warnings if "model.d_steps=40: every generator step runs 40 critic updates" in w]
    monkeypatch.setattr(summary, "WARN_BYTES", 1)
    _, warnings = summary.startup_lines(gan, ds, preset, 100, 50, str(tmp_path / "run"))
    assert [w for w in warnings if w.startswith("warning: the run directory will take about")]


def test_launch_refuses_more_workers_than_the_machine_can_hold(capsys):
    many = 4 * (os.cpu_count() or 1) + 1
    assert main(["launch", "--workers", str(many), "--", "train", "gaussian_ring"]) == 2
    assert f"--workers {many} on {os.cpu_count()} cores" in capsys.readouterr().err


@pytest.mark.large  # a CLI training
def test_train_prints_the_summary_and_the_speed(tmp_path, capsys):
    argv = ["train", "gaussian_ring", "--out", str(tmp_path / "run"), "--steps", "60", "--sample-every", "0",
            "--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "data: 100,000 2-D points (toy distribution; 8 classes)" in err
    assert "disk: the run directory will take about" in err and "steps/s after warm-up" in err
