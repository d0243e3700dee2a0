"""SIGTERM (how Slurm, Kubernetes and Cloud TPU pre-empt a job) saves the run: `train` exits 143 with a
checkpoint of the step it reached, and `train RUN --resume` ends bit-identical to a run made in one go."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.cli.preemption import EXIT_PREEMPTED, Preempted, sigterm_as_preemption

TOY = ["--set", "generator.units=[16,16]", "--set", "discriminator.units=[16,16]", "--set", "batch_size=32",
       "--set", "precision=float32", "--set", "jit_compile=false", "--sample-every", "0"]
STEPS = 3000


def _train(*argv):
    return subprocess.Popen([sys.executable, "-m", "keras_gans.cli", "train", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})


def _weights(run):
    reader = tf.train.load_checkpoint(os.path.join(run, "checkpoints"))
    names = sorted(n for n in reader.get_variable_to_shape_map() if n.endswith("VARIABLE_VALUE") and "save_counter" not in n)
    return {n: reader.get_tensor(n) for n in names}


def test_sigterm_raises_preempted_inside_the_block_only():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Preempted):
        with sigterm_as_preemption():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler raises here, at once
    assert signal.getsignal(signal.SIGTERM) is before  # the previous handler is back


@pytest.mark.large  # three CLI trainings in processes of their own
def test_sigterm_mid_run_saves_and_resume_is_bit_identical(tmp_path):
    whole, cut = str(tmp_path / "whole"), str(tmp_path / "cut")
    one_go = _train("gaussian_ring", "--out", whole, "--steps", str(STEPS), "--checkpoint-every", str(STEPS), *TOY)
    assert one_go.wait(timeout=600) == 0, one_go.stderr.read()[-3000:]

    run = _train("gaussian_ring", "--out", cut, "--steps", str(STEPS), "--checkpoint-every", str(STEPS), *TOY)
    deadline = time.time() + 300
    while not os.path.exists(os.path.join(cut, "config.json")) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(3)  # into the training loop, before its first (and only) scheduled checkpoint
    run.send_signal(signal.SIGTERM)
    code = run.wait(timeout=300)
    err = run.stderr.read()
    assert code == EXIT_PREEMPTED, err[-3000:]
    assert "stopped by SIGTERM (a pre-emption) at step" in err and "checkpoint saved" in err
    stopped = int(err.split("at step ")[1].split(";")[0])
    assert 0 < stopped < STEPS
    assert tf.train.latest_checkpoint(os.path.join(cut, "checkpoints")).endswith(f"-{stopped}")

    resumed = _train(cut, "--resume", "--steps", str(STEPS), "--checkpoint-every", str(STEPS), "--sample-every", "0")
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read()[-3000:]
    a, b = _weights(whole), _weights(cut)
    assert a.keys() == b.keys() and len(a) > 10
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)
