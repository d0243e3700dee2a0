"""The mixture of generators from the command line: sample one generator, or a row per generator; the export."""

import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.cli import main

TOY = ["--set", "generator.units=[16,16]", "--set", "discriminator.units=[16,16]", "--set", "batch_size=32",
       "--steps", "10", "--checkpoint-every", "10", "--sample-every", "0", "--log-every", "5"]


@pytest.fixture(scope="module")
def mixture_run(tmp_path_factory):
    run = str(tmp_path_factory.mktemp("mgan") / "run")
    assert main(["train", "gaussian_ring_mgan", "--out", run, *TOY]) == 0
    return run


def test_sample_one_generator_or_a_row_per_generator(mixture_run, tmp_path, capsys):
    assert main(["sample", mixture_run, "--generator", "2", "--n", "64", "--out", str(tmp_path / "g2.png")]) == 0
    assert "generator 2" in capsys.readouterr().out
    assert main(["sample", mixture_run, "--generator", "all", "--n", "64", "--out", str(tmp_path / "all.png")]) == 0
    assert "16 samples of each of 4 generators" in capsys.readouterr().out
    assert main(["sample", mixture_run, "--generator", "4", "--out", str(tmp_path / "bad.png")]) == 2
    assert "4 generators, 0..3" in capsys.readouterr().err


def test_generator_on_a_single_generator_run_is_refused(shared_toy_run, tmp_path, capsys):
    assert main(["sample", shared_toy_run, "--generator", "0", "--out", str(tmp_path / "x.png")]) == 2
    assert "one generator" in capsys.readouterr().err


def test_the_exported_mixture_serves_z_and_a_chosen_generator(mixture_run):
    loaded = tf.saved_model.load(os.path.join(mixture_run, "generator"))
    z = np.random.default_rng(0).standard_normal((5, 2)).astype(np.float32)
    points = loaded.signatures["serve"](z=z)["points"].numpy()
    chosen = loaded.signatures["serve_generator"](z=z, generator=np.zeros(5, np.int32))["points"].numpy()
    assert points.shape == chosen.shape == (5, 2)
