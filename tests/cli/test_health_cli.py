"""`train` keeps a run's curves (history.csv, TensorBoard, health.png) across resumes and kills; `plot` and
`doctor` read them."""

import csv
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from keras_gans.cli import main
from keras_gans.health import diagnose, read_history
from keras_gans.health.curves import Curves
from keras_gans.health.history_file import HistoryFile

TOY = ["--set", "generator.units=[16,16]", "--set", "discriminator.units=[16,16]", "--set", "batch_size=32",
       "--set", "precision=float32", "--set", "jit_compile=false", "--sample-every", "0"]
CHANGING = ("step", "d_loss", "g_loss", "real_logit", "fake_logit", "d_grad_norm", "g_grad_norm", "d_update_ratio", "diversity")


def _rows(run):
    return read_history(os.path.join(run, "history.csv"))[1]


def _same_rows(a, b):
    """Rows equal in every value that training determines (images/s is the machine's)."""
    assert [r["step"] for r in a] == [r["step"] for r in b]
    for x, y in zip(a, b):
        assert {k: x[k] for k in CHANGING} == {k: y[k] for k in CHANGING}, x["step"]


def test_train_keeps_history_tensorboard_and_health_page(tmp_path):
    run = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", run, "--steps", "60", "--checkpoint-every", "30", "--log-every", "10", *TOY]) == 0
    rows = _rows(run)
    assert [r["step"] for r in rows] == [10, 20, 30, 40, 50, 60]
    assert all(r["d_grad_norm"] > 0 and r["diversity"] > 0 and r["real_diversity"] > 0 for r in rows)
    assert os.path.isfile(os.path.join(run, "health.png"))
    events = [f for f in os.listdir(os.path.join(run, "tensorboard")) if "tfevents" in f]
    assert events


def test_a_resume_from_an_earlier_checkpoint_rewrites_no_row_twice_and_matches_one_go(tmp_path):
    whole, cut = str(tmp_path / "whole"), str(tmp_path / "cut")
    assert main(["train", "gaussian_ring", "--out", whole, "--steps", "90", "--checkpoint-every", "30", "--log-every", "10", *TOY]) == 0
    assert main(["train", "gaussian_ring", "--out", cut, "--steps", "60", "--checkpoint-every", "30", "--log-every", "10", *TOY]) == 0
    for name in os.listdir(os.path.join(cut, "checkpoints")):  # the checkpoint of step 60 lost: the run resumes at 30
        if name.startswith("ckpt-60"):
            os.remove(os.path.join(cut, "checkpoints", name))
    assert main(["train", cut, "--resume", "--steps", "90", "--checkpoint-every", "30", "--log-every", "10"]) == 0
    _same_rows(_rows(cut), _rows(whole))  # rows 40..60 of the first try were dropped and made again


@pytest.mark.large  # two CLI trainings in processes of their own
def test_kill_9_then_resume_leaves_every_step_once(tmp_path):
    run, log = str(tmp_path / "run"), open(tmp_path / "train.log", "w")
    argv = [sys.executable, "-m", "keras_gans.cli", "train", "gaussian_ring", "--out", run, "--steps", "4000",
            "--checkpoint-every", "500", "--log-every", "20", *TOY]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    history, deadline = os.path.join(run, "history.csv"), time.time() + 300
    while process.poll() is None and time.time() < deadline:  # past the first checkpoint, before the second
        if os.path.isfile(history) and (_rows(run) or [{"step": 0}])[-1]["step"] >= 700:
            break
        time.sleep(0.05)
    assert process.poll() is None, open(tmp_path / "train.log").read()[-2000:]
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = [r["step"] for r in _rows(run)]
    assert written[-1] >= 700
    assert main(["train", run, "--resume", "--steps", "1200", "--checkpoint-every", "500", "--log-every", "20"]) == 0
    assert [r["step"] for r in _rows(run)] == list(range(20, 1201, 20))


def _write_history(run, grow_d_norm=False):
    """A history.csv of 40 rows of a steady run (D ahead of G but not winning, samples spreading out); with
    ``grow_d_norm`` D's gradient norm grows tenfold per row (a divergence)."""
    rows = 40
    history = HistoryFile(os.path.join(run, "history.csv"))
    for i in range(rows):
        wiggle = 0.02 * (-1) ** i
        history.append({"step": 50 * (i + 1), "d_loss": 1.1 + wiggle, "g_loss": 1.0 - wiggle,
                        "real_logit": 0.6 + wiggle, "fake_logit": -0.6 - wiggle, "real_logit_std": 0.8,
                        "fake_logit_std": 0.8, "real_accuracy": 0.75, "fake_accuracy": 0.75,
                        "d_grad_norm": 10.0 ** i if grow_d_norm else 2.0 + wiggle, "g_grad_norm": 1.5 - wiggle,
                        "diversity": 3.0 + 3.0 * i / (rows - 1), "real_diversity": 6.5})


def test_doctor_exit_codes_and_json(tmp_path, capsys):
    healthy, diverging = str(tmp_path / "healthy"), str(tmp_path / "diverging")
    _write_history(healthy)
    _write_history(diverging, grow_d_norm=True)
    assert main(["doctor", healthy, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is True and report["findings"] == []
    assert report["rows"] == 40 and report["steps"] == [50, 2000]
    assert main(["doctor", diverging, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is False
    assert report["findings"][0]["condition"] == "divergence"
    assert main(["doctor", diverging]) == 1
    assert "divergence" in capsys.readouterr().out
    assert main(["doctor", str(tmp_path / "nowhere")]) == 2
    os.remove(os.path.join(healthy, "history.csv"))
    assert main(["doctor", healthy]) == 2
    assert "--log-every" in capsys.readouterr().err


def test_doctor_reads_a_trained_run(tmp_path, capsys):
    run = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", run, "--steps", "80", "--checkpoint-every", "40", "--log-every", "10", *TOY]) == 0
    capsys.readouterr()
    code = main(["doctor", run, "--json"])
    report = json.loads(capsys.readouterr().out)
    with open(os.path.join(run, "history.csv")) as f:
        steps = [int(row["step"]) for row in csv.DictReader(f)]
    assert steps == list(range(10, 81, 10)) and report["rows"] == len(steps) and report["steps"] == [10, 80]
    # the report is the library's diagnosis of the curves the run wrote, and the exit code says whether it found any
    expected = diagnose(Curves.of_run(run), json.load(open(os.path.join(run, "config.json"))))
    assert [f["condition"] for f in report["findings"]] == [f.condition for f in expected]
    assert [f["evidence"] for f in report["findings"]] == [f.evidence for f in expected]
    assert code == (1 if expected else 0) and report["healthy"] == (not expected)


def test_plot_writes_the_page_where_asked(tmp_path):
    run = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", run, "--steps", "40", "--checkpoint-every", "20", "--log-every", "10", *TOY]) == 0
    out = str(tmp_path / "page.png")
    assert main(["plot", run, "--out", out]) == 0
    assert open(out, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
