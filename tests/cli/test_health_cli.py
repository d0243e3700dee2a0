"""`train` keeps a run's curves (history.csv, TensorBoard, health.png) across resumes and kills; `plot` and
`doctor` read them."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from keras_gans.cli import main
from keras_gans.health import read_history

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


def test_doctor_exit_codes_and_json(tmp_path, capsys):
    run = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", run, "--steps", "80", "--checkpoint-every", "40", "--log-every", "10", *TOY]) == 0
    capsys.readouterr()
    code = main(["doctor", run, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if report["healthy"] else 1)
    assert report["rows"] == 8 and report["steps"] == [10, 80]
    # a run whose D loss turns into a runaway: one problem, exit 1
    path = os.path.join(run, "history.csv")
    lines = open(path).read().splitlines()
    header = lines[0].split(",")
    grown = []
    for i, line in enumerate(lines[1:]):
        values = line.split(",")
        values[header.index("d_grad_norm")] = str(10.0 ** i)
        grown.append(",".join(values))
    open(path, "w").write("\n".join([lines[0], *grown]) + "\n")
    assert main(["doctor", run]) == 1
    assert "divergence" in capsys.readouterr().out
    assert main(["doctor", str(tmp_path / "nowhere")]) == 2
    os.remove(path)
    assert main(["doctor", run]) == 2
    assert "--log-every" in capsys.readouterr().err


def test_plot_writes_the_page_where_asked(tmp_path):
    run = str(tmp_path / "run")
    assert main(["train", "gaussian_ring", "--out", run, "--steps", "40", "--checkpoint-every", "20", "--log-every", "10", *TOY]) == 0
    out = str(tmp_path / "page.png")
    assert main(["plot", run, "--out", out]) == 0
    assert open(out, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
