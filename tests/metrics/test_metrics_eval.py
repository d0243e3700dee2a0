"""Metrics during training (MetricsCallback) and after (``keras-gans eval``)."""

import json
import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.callbacks import MetricsCallback
from keras_gans.cli import main
from keras_gans.data import ring_centers, sample_mixture
from keras_gans.metrics import Evaluation, IdentityExtractor, fid_from_activations, gaussian_mixture_modes
from tests.helpers import toy_gan

TINY = ["--set", "generator.units=[16,16]", "--set", "discriminator.units=[16,16]", "--set", "batch_size=32"]


def ring_sampler(n):
    return sample_mixture(ring_centers(), 0.01, n, seed=1)[0]


def test_metrics_callback_logs_to_history_and_tensorboard(tmp_path):
    gan = toy_gan()
    ds = data.load("ring", batch_size=8, num_samples=64, seed=0, repeat=True)
    cb = MetricsCallback(["fid", "modes"], every_n_steps=3, log_dir=str(tmp_path / "tb"), real_samples=ring_sampler,
                         extractor=IdentityExtractor(), n=300, mixture=(ring_centers(), 0.01), cache_dir=str(tmp_path))
    history = gan.fit(ds, epochs=2, steps_per_epoch=3, callbacks=[cb], verbose=0)
    assert [step for step, _ in cb.results] == [3, 6]
    # the last evaluation is that of the final weights: recompute it independently
    samples = gan.generate(n=300, seed=0)
    expected_fid = fid_from_activations(ring_sampler(300), samples)
    assert cb.results[-1][1]["fid"] == pytest.approx(expected_fid, rel=1e-6)
    assert cb.results[-1][1]["modes"] == gaussian_mixture_modes(samples, ring_centers(), 0.01)["modes"]
    assert history.history["fid"] == [cb.results[0][1]["fid"], cb.results[1][1]["fid"]]
    tags = {}
    for event_file in tf.io.gfile.glob(str(tmp_path / "tb" / "events.*")):
        for event in tf.compat.v1.train.summary_iterator(event_file):
            for v in event.summary.value:
                tags.setdefault(v.tag, []).append(event.step)
    assert tags["metrics/fid"] == [3, 6]


def test_evaluation_rejects_unknown_metric():
    ev = Evaluation(toy_gan(), ring_sampler, IdentityExtractor(), n=10)
    with pytest.raises(KeyError, match="Did you mean 'fid'"):
        ev.run(["fdi"])


def test_cli_eval_writes_metrics_json(tmp_path, toy_run, capsys):
    run = toy_run  # 10 trained steps (tests/conftest.py)
    cache = str(tmp_path / "cache")
    argv = ["eval", run, "--metrics", "modes,fid,pr", "--n", "400", "--cache-dir", cache]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    with open(os.path.join(run, "metrics.json")) as f:
        report = json.load(f)
    assert report["step"] == 10 and report["n"] == 400 and report["extractor"] == "identity"
    assert set(report["metrics"]) >= {"fid", "precision", "recall", "modes", "balanced_modes", "high_quality", "reverse_kl"}
    assert "fid" in printed and "metrics.json" in printed
    # the numbers are those of the run's generator: recompute the mode count from its export
    serve = tf.saved_model.load(os.path.join(run, "generator")).signatures["serve"]
    z = np.random.default_rng(0).standard_normal((400, 2)).astype(np.float32)
    points = serve(z=tf.constant(z))["points"].numpy()
    assert report["metrics"]["modes"] == gaussian_mixture_modes(points, ring_centers(), 0.01)["modes"]
    assert len(os.listdir(cache)) == 1  # the real side, cached
    assert main(argv) == 0  # second time from the cache, same numbers
    with open(os.path.join(run, "metrics.json")) as f:
        assert json.load(f)["metrics"] == report["metrics"]


def test_cli_eval_bad_input(tmp_path, toy_run, capsys):
    assert main(["eval", str(tmp_path), "--metrics", "fid"]) == 2
    assert "not a run directory" in capsys.readouterr().err
    run = toy_run
    assert main(["eval", run, "--metrics", "fid,bogus"]) == 2
    assert "unknown metric(s) bogus" in capsys.readouterr().err
    assert main(["eval", run, "--metrics", "is", "--n", "50", "--cache-dir", str(tmp_path / "c")]) == 2
    assert "Inception Score needs a classifier" in capsys.readouterr().err


def test_stacked_mnist_source(tmp_path):
    digits = np.repeat(np.arange(10, dtype=np.uint8), 30)
    x = np.repeat(digits[:, None, None, None] * 20, 28, 1).repeat(28, 2)  # the digit's value in every pixel
    np.savez(tmp_path / "digits.npz", x=x, y=digits.astype(np.int64))
    ds = data.load(f"stacked_mnist:{tmp_path / 'digits.npz'}", batch_size=50, num_samples=500, seed=3)
    images, labels = next(iter(ds))
    assert images.shape == (50, 28, 28, 3)
    value = np.round((images.numpy()[:, 0, 0, :] + 1) * 127.5 / 20).astype(int)  # back to digits
    np.testing.assert_array_equal(labels.numpy(), value[:, 0] * 100 + value[:, 1] * 10 + value[:, 2])


def test_cli_train_evaluates_during_training(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KERAS_GANS_CACHE", str(tmp_path / "cache"))
    run = str(tmp_path / "run")
    argv = ["train", "gaussian_ring", "--steps", "10", "--out", run, "--sample-every", "0", "--eval-every", "5",
            "--eval-metrics", "modes,fid", "--eval-n", "200", *TINY]
    assert main(argv) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("step ")]
    assert [line.split(":")[0] for line in lines] == ["step 5", "step 10"]
    assert all(" fid=" in line and " modes=" in line for line in lines)
    assert tf.io.gfile.glob(os.path.join(run, "tensorboard", "events.*"))
