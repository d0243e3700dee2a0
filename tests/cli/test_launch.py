"""``keras-gans launch --workers 2 -- train ...``: two worker processes on loopback under
MultiWorkerMirroredStrategy end with identical weights, equal within 1e-4 to one process with the same global
batch (so the workers took different halves of each global batch: with the same half they would part from
it); only the chief writes the run; a worker that dies stops the other, and --resume continues."""

import glob
import os
import re

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.cli import main

pytestmark = pytest.mark.large  # several processes / timed runs: run with --large

TINY = ["--set", "generator.base_filters=4", "--set", "discriminator.base_filters=4", "--set", "latent_dim=8",
        "--set", "precision=float32", "--set", "jit_compile=false", "--batch-size", "16", "--sample-every", "0",
        "--steps", "10", "--checkpoint-every", "5"]
CASES = {
    "dcgan": ["dcgan"],
    # WGAN-GP with R1 on the reals as well and an EMA of G
    "wgan_gp": ["wgan_gp", "--set", "model.d_steps=1", "--set", "regularizers.r1.weight=1.0", "--set", "model.ema_decay=0.9"],
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("launch") / "digits.npz"
    np.savez(path, x=np.random.default_rng(0).integers(0, 256, (64, 28, 28, 1), dtype=np.uint8))
    return str(path)


def _variables(run, step=None):
    """Every variable of the run's newest checkpoint (or of ``step``'s): the weights of G and D, their
    optimizers' slots and step counters, the EMA copy, BN statistics."""
    folder = os.path.join(run, "checkpoints")
    reader = tf.train.load_checkpoint(folder if step is None else os.path.join(folder, f"ckpt-{step}"))
    # checkpointed_runs: the multi-worker pre-emption handler's count of steps (callbacks.PreemptionCheckpoint)
    names = [n for n in reader.get_variable_to_shape_map() if n != "_CHECKPOINTABLE_OBJECT_GRAPH"
             and not n.startswith("checkpointed_runs")]
    return {n: reader.get_tensor(n).astype(np.float64) for n in names}


def _digests(log_dir):
    found = {}
    for log in sorted(glob.glob(os.path.join(log_dir, "worker-*.log"))):
        match = re.findall(r"worker done: step (\d+); weights sha256 (\w+)", open(log).read())
        found[os.path.basename(log)] = match[-1] if match else None
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_two_workers_end_identical_and_equal_one_process(case, data, tmp_path):
    preset, *extra = CASES[case]
    two, one, logs = str(tmp_path / "two"), str(tmp_path / "one"), str(tmp_path / "logs")
    argv = ["train", preset, "--dataset", data, *TINY, *extra]
    assert main(["launch", "--workers", "2", "--log-dir", logs, "--", *argv, "--out", two]) == 0
    digests = _digests(logs)
    assert len(digests) == 2 and None not in digests.values()
    assert digests["worker-0.log"] == digests["worker-1.log"] and digests["worker-0.log"][0] == "10"
    assert {"checkpoints", "config.json", "generator"} <= set(os.listdir(two))  # the chief's run
    assert main([*argv, "--out", one]) == 0
    a, b = _variables(two), _variables(one)
    assert sorted(a) == sorted(b) and len(a) > 20
    assert max(float(np.max(np.abs(a[n] - b[n]))) for n in a) < 1e-4
    start = _variables(one, 5)
    assert max(float(np.max(np.abs(b[n] - start[n]))) for n in b) > 1e-3  # steps 5-10 moved the weights


def test_a_dying_worker_stops_the_other_and_resume_continues(data, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    run, logs = str(tmp_path / "run"), str(tmp_path / "logs")
    argv = ["train", "dcgan", "--dataset", data, *TINY[:-4], "--steps", "40", "--checkpoint-every", "5", "--out", run]
    launcher = subprocess.Popen([sys.executable, "-m", "keras_gans.cli", "launch", "--workers", "2", "--log-dir", logs,
                                 "--", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 240
    while not glob.glob(os.path.join(run, "checkpoints", "ckpt-5.index")) and launcher.poll() is None:
        assert time.time() < deadline
        time.sleep(0.2)
    pid = int(re.search(r"worker 1: pid (\d+)", open(os.path.join(logs, "launch.log")).read()).group(1))
    os.kill(pid, signal.SIGKILL)  # worker 1 dies mid-run
    _, err = launcher.communicate(timeout=120)
    assert launcher.returncode != 0
    assert "worker 1 exited with code -9" in err and "the other workers were stopped" in err and "add --resume" in err
    assert main(["launch", "--workers", "2", "--log-dir", logs, "--", *argv, "--resume"]) == 0
    assert _digests(logs)["worker-0.log"][0] == "40" == _digests(logs)["worker-1.log"][0]


PREEMPT = ["train", "dcgan", *TINY[:-4], "--steps", "300", "--checkpoint-every", "150"]


@pytest.fixture(scope="module")
def uninterrupted_digest(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("uninterrupted")
    logs = str(folder / "logs")
    assert main(["launch", "--workers", "2", "--log-dir", logs, "--", *PREEMPT, "--dataset", data, "--out",
                 str(folder / "run")]) == 0
    return _digests(logs)["worker-0.log"]


@pytest.mark.parametrize("target", ["the launcher", "worker 1"])
def test_a_sigterm_saves_every_worker_at_one_step_and_resume_is_bit_identical(target, data, uninterrupted_digest,
                                                                                tmp_path):
    """SIGTERM to the launcher (it forwards it to every worker, as a cluster manager does) or to one worker
    alone (a pre-empted pod): all workers save one checkpoint at the step they agree on and exit 143; the
    resumed run ends with the weights of the uninterrupted one, bit for bit."""
    import signal
    import subprocess
    import sys
    import time

    run, logs = str(tmp_path / "run"), str(tmp_path / "logs")
    argv = [*PREEMPT, "--dataset", data, "--out", run]
    launcher = subprocess.Popen([sys.executable, "-m", "keras_gans.cli", "launch", "--workers", "2", "--log-dir", logs,
                                 "--", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    chief_log, deadline = os.path.join(logs, "worker-0.log"), time.time() + 240
    while not (os.path.exists(chief_log) and "speed:" in open(chief_log).read()):  # past warm-up, before step 150
        assert time.time() < deadline and launcher.poll() is None
        time.sleep(0.2)
    pid = launcher.pid if target == "the launcher" else int(
        re.search(r"worker 1: pid (\d+)", open(os.path.join(logs, "launch.log")).read()).group(1))
    os.kill(pid, signal.SIGTERM)
    _, err = launcher.communicate(timeout=300)
    assert launcher.returncode == 143, err
    assert "worker exit codes [143, 143]" in err and "--resume" in err
    saved = [int(f.split("-")[-1].split(".")[0]) for f in glob.glob(os.path.join(run, "checkpoints", "ckpt-*.index"))]
    assert len(saved) == 1 and 0 < saved[0] < 150  # one checkpoint, at the step of the pre-emption
    for i in (0, 1):
        assert f"stopped by SIGTERM (a pre-emption) at step {saved[0]}; checkpoint saved" in open(
            os.path.join(logs, f"worker-{i}.log")).read()
    assert main(["launch", "--workers", "2", "--log-dir", logs, "--", *argv, "--resume"]) == 0
    assert _digests(logs)["worker-0.log"] == uninterrupted_digest == _digests(logs)["worker-1.log"]
