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


def _train(*argv, log):
    """``keras-gans train ARGV`` in a process of its own, its stderr in the file ``log``."""
    return subprocess.Popen([sys.executable, "-m", "keras_gans.cli", "train", *argv], stdout=subprocess.DEVNULL,
                            stderr=open(log, "w"), env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})


IMAGES = ["--set", "generator.base_filters=4", "--set", "discriminator.base_filters=4", "--set", "latent_dim=8",
          "--set", "precision=float32", "--set", "jit_compile=false", "--batch-size", "16", "--sample-every", "0"]
CASES = {  # preset, its options, steps: long enough that the SIGTERM lands mid-run
    "gaussian_ring": ("gaussian_ring", TOY, STEPS),
    "dcgan_ema": ("dcgan_ema", IMAGES, 1500),
    "wgan_gp": ("wgan_gp", IMAGES, 400),
}


@pytest.fixture(scope="module")
def digits(tmp_path_factory):
    path = tmp_path_factory.mktemp("digits") / "digits.npz"
    np.savez(path, x=np.random.default_rng(0).integers(0, 256, (256, 28, 28, 1), dtype=np.uint8))
    return str(path)


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


def test_a_sigterm_whose_exception_was_swallowed_is_still_kept():
    with sigterm_as_preemption() as sigterm:
        assert not sigterm.requested
        sigterm.check()  # no SIGTERM yet: nothing raised
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except Preempted:
            pass  # swallowed, as native code that checks for signals may do
        assert sigterm.requested
        with pytest.raises(Preempted):
            sigterm.check()  # what the training loop calls after each step


@pytest.mark.large  # three CLI trainings in processes of their own
@pytest.mark.parametrize("case", list(CASES))
def test_sigterm_mid_run_saves_and_resume_is_bit_identical(case, digits, tmp_path):
    preset, options, steps = CASES[case]
    options = [*options, *([] if preset == "gaussian_ring" else ["--dataset", digits])]
    whole, cut, log = str(tmp_path / "whole"), str(tmp_path / "cut"), str(tmp_path / "cut.log")
    one_go = _train(preset, "--out", whole, "--steps", str(steps), "--checkpoint-every", str(steps), *options,
                    log=str(tmp_path / "whole.log"))
    assert one_go.wait(timeout=600) == 0, open(tmp_path / "whole.log").read()[-3000:]

    run = _train(preset, "--out", cut, "--steps", str(steps), "--checkpoint-every", str(steps), *options, log=log)
    deadline = time.time() + 300
    while "speed:" not in open(log).read():  # past warm-up: into the loop, before its one scheduled checkpoint
        assert time.time() < deadline and run.poll() is None, open(log).read()[-3000:]
        time.sleep(0.2)
    run.send_signal(signal.SIGTERM)
    code = run.wait(timeout=300)
    err = open(log).read()
    assert code == EXIT_PREEMPTED, err[-3000:]
    assert "stopped by SIGTERM (a pre-emption) at step" in err and "checkpoint saved" in err
    stopped = int(err.split("at step ")[1].split(";")[0])
    assert 0 < stopped < steps
    assert tf.train.latest_checkpoint(os.path.join(cut, "checkpoints")).endswith(f"-{stopped}")

    resumed = _train(cut, "--resume", "--steps", str(steps), "--checkpoint-every", str(steps), "--sample-every", "0",
                     log=log)
    assert resumed.wait(timeout=600) == 0, open(log).read()[-3000:]
    a, b = _weights(whole), _weights(cut)
    assert a.keys() == b.keys() and len(a) > 10
    for name in a:  # every weight, optimizer slot, BN statistic, EMA weight, RNG state
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)
