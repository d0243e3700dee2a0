"""Every bad input of the command line: exit code 2, a message that says what is wrong and what to do, no
traceback, and no run directory left behind that would block the corrected command."""

import os

import numpy as np
import pytest

from keras_gans.cli import main

TINY = ["--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16",
        "--set", "dataset.num_samples=64", "--steps", "2"]


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as e:  # argparse: usage and message on stderr, exit 2
        code = e.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "args,message",
    [
        (["--set", "optimizers.d.learning_rate=-1e-4"], "optimizers.d.learning_rate"),
        (["--set", "optimizers.g.learning_rate=-0.5"], "must lie in [0.0, inf], got -0.5"),
        (["--set", "regularizers.r1.weight=-1"], "regularizers.r1.weight"),
        (["--batch-size", "0"], "--batch-size: expects a whole number >= 1"),
        (["--steps", "-5"], "--steps: expects a whole number >= 1"),
        (["--steps", "0"], "--steps: expects a whole number >= 1"),
        (["--set", "model.d_steps=2.5"], "model.d_steps"),
        (["--set", "model.d_steps=abc"], "and 'abc' is not one (e.g. 2e-4, 64, 0.5)"),
        (["--set", "latent_dim=0"], "latent_dim"),
        (["--set", "latent_dim=-3"], "must be >= 1, got -3"),
        (["--set", "seed=abc"], "seed"),
        (["--set", "data_dim=-4"], "data_dim"),
        (["--checkpoint-every", "0"], "--checkpoint-every: expects a whole number >= 1"),
        (["--checkpoint-every", "-1"], "--checkpoint-every"),
        (["--sample-every", "-2"], "--sample-every: expects a whole number >= 0"),
        (["--eval-every", "1", "--eval-metrics", "fid,bogus"], "unknown metric(s) bogus"),
        (["--set", "model.on_nonfinite=explode"], "model.on_nonfinite must be one of stop, skip, rollback"),
        (["--set", "model.ema_decay=1.5"], "model.ema_decay"),
        (["--set", "steps_per_execution=0"], "steps_per_execution"),
        (["--set", "sync_batch_norm=maybe"], "sync_batch_norm (zoo.load(..., **{'sync_batch_norm': ...}) or --set"),
        (["--set", "optimizers.d.learning_rate=1e-4x"], "the preset's value is a number (0.0001) and '1e-4x' is not one"),
        (["--set", "generator.units=[8,8"], "'[8,8' is not valid JSON"),
        (["--set", "latent_dim", "8"], "--set: expects KEY=VALUE with no spaces around '=' (e.g. --set resolution=64)"),
        (["--eval-every", "1", "--eval-extractor", "inception:/no/such/folder"], "cannot load Inception-v3"),
        (["--set", "steps_per_execution=4", "--steps", "6", "--checkpoint-every", "4"],
         "steps_per_execution=4 runs 4 steps per call, so --steps 6 must be a multiple of 4 (e.g. --steps 8)"),
    ],
)
def test_bad_training_input(args, message, tmp_path, capsys):
    out = tmp_path / "run"
    code, err = _run(["train", "gaussian_ring", "--out", str(out), *TINY, *args], capsys)
    assert code == 2 and message in err and "Traceback" not in err
    assert not out.exists()  # nothing blocks the corrected command


@pytest.mark.parametrize(
    "argv,message",
    [
        (["train", "dcgan", "--set", "resolution=-4"], "resolution"),
        (["train", "dcgan", "--set", "resolution=abc"], "must be a whole number, got 'abc'"),
        (["train", "dcgan", "--set", "channels=2"], "must be 1 (grayscale) or 3 (RGB)"),
        (["train", "dcgan", "--set", "precision=float8"], "precision"),
        (["sample", "RUN", "--n", "0"], "--n: expects a whole number >= 1"),
        (["sample", "RUN", "--n", "-1"], "--n"),
        (["sample", "RUN", "--out", "s.gif"], "give a name ending in .png or .jpg"),
        (["sample", "RUN", "--jacobian-truncation", "0"], "--jacobian-truncation: expects a fraction in (0, 1]"),
        (["eval", "RUN", "--n", "0"], "--n: expects a whole number >= 1"),
        (["eval", "RUN", "--n", "1"], "need at least 2 samples"),
        (["eval", "RUN", "--metrics", "fid,bogus"], "unknown metric(s) bogus"),
        (["eval", "RUN", "--split", "test"], "is a toy distribution, which holds one set of samples (no 'test' split"),
        (["eval", "RUN", "--metrics", "fid", "--extractor", "inception:/no/such/folder"], "cannot load Inception-v3"),
        (["export", "RUN", "--out", "RUN"], "is a run directory"),
        (["train", "gaussian_ring", "--out", "FILE"], "is a file; give a folder"),
        (["sample", "/no/such/run"], "not a run directory"),
    ],
)
def test_bad_input_of_every_command(argv, message, tmp_path, capsys, trained_run):
    (tmp_path / "FILE").write_text("not a folder")
    argv = [trained_run if a == "RUN" else str(tmp_path / "FILE") if a == "FILE" else a for a in argv]
    code, err = _run(argv, capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_unwritable_out_is_a_clear_error(tmp_path, capsys):
    # /sys refuses new folders even to root (chmod cannot make a folder read-only for root)
    if os.access("/sys", os.W_OK) and os.path.isdir("/sys/fs"):
        try:
            os.mkdir("/sys/keras_gans_probe")
            os.rmdir("/sys/keras_gans_probe")
            pytest.skip("/sys is writable here")
        except OSError:
            pass
    code, err = _run(["train", "gaussian_ring", "--out", "/sys/keras_gans_run", *TINY], capsys)
    assert code == 2 and "choose a writable --out" in err and "Traceback" not in err


def test_sample_writes_the_format_its_name_asks_for(tmp_path, trained_run, capsys):
    for name, magic in (("s.jpg", b"\xff\xd8\xff"), ("s.png", b"\x89PNG")):
        assert main(["sample", trained_run, "--n", "16", "--out", str(tmp_path / name)]) == 0
        assert (tmp_path / name).read_bytes()[:len(magic)] == magic


@pytest.fixture
def trained_run(toy_run):
    return toy_run  # the suite's tiny trained run (tests/conftest.py), a private copy


def test_data_given_as_a_truncated_idx_or_a_fake_npz(tmp_path, capsys):
    import gzip

    folder = tmp_path / "idx"
    folder.mkdir()
    header = bytes([0, 0, 8, 3]) + np.array([100, 28, 28], ">u4").tobytes()
    data = gzip.compress(header + bytes(100 * 28 * 28))
    (folder / "train-images-idx3-ubyte.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "fake.npz").write_text("these are not arrays")
    for dataset, message in ((folder, "truncated or damaged"), (tmp_path / "fake.npz", "not a readable .npz archive")):
        code, err = _run(["train", "dcgan", "--dataset", str(dataset), "--out", str(tmp_path / "run")], capsys)
        assert code == 2 and message in err and "Traceback" not in err
        assert not (tmp_path / "run").exists()


def test_legal_but_costly_or_misleading_inputs_are_warned_about(trained_run, tmp_path, capsys):
    code, err = _run(["eval", trained_run, "--metrics", "fid", "--n", "100"], capsys)
    assert code == 0 and "note: --n 100: FID, KID and IS depend on the number of samples" in err
    code, err = _run(["train", "gaussian_ring", "--out", str(tmp_path / "run"), *TINY, "--set", "model.d_steps=33"], capsys)
    assert code == 0 and "warning: model.d_steps=33: every generator step runs 33 critic updates" in err
