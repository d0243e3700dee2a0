"""The Python API hides TensorFlow's native start-up lines, keeps everything else on stderr, and shows all
with KERAS_GANS_VERBOSE=1."""

import os
import subprocess
import sys

import pytest

from keras_gans.quiet_import import NATIVE_LOG, native_lines_removed

SCRIPT = """
import sys
import numpy as np
import keras_gans
gan = keras_gans.zoo.load("gaussian_ring", **{"generator.units": [8], "discriminator.units": [8]})
gan.fit(np.random.default_rng(0).normal(size=(64, 2)).astype("float32"), batch_size=16, epochs=1, verbose=0)
print("a line of the user's own", file=sys.stderr)
"""


def _run(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("TF_CPP_MIN_LOG_LEVEL", "KERAS_GANS_VERBOSE")}
    return subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, env={**environment, **env}, timeout=300)


def _native(stderr):
    return [line for line in stderr.splitlines() if NATIVE_LOG.match(line)]


def test_native_lines_removed_keeps_every_other_line():
    text = (b"I0000 00:00:1795522897.226540    2205 port.cc:153] oneDNN custom operations are on.\n"
            b"Traceback (most recent call last):\n"
            b"E0000 00:00:1796173086.463296   15994 cuda_platform.cc:52] failed call to cuInit\n"
            b"2026-11-24 12:00:00.000000: I tensorflow/core/util/port.cc:113] oneDNN\n"
            b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
            b"UserWarning: something of the user's\n")
    assert native_lines_removed(text) == b"Traceback (most recent call last):\nUserWarning: something of the user's\n"


@pytest.mark.large  # two trainings in processes of their own
def test_the_python_api_is_quiet_unless_verbose():
    quiet = _run()
    assert quiet.returncode == 0, quiet.stderr.decode()
    assert _native(quiet.stderr) == [], quiet.stderr.decode()
    assert b"a line of the user's own" in quiet.stderr
    verbose = _run(KERAS_GANS_VERBOSE="1")
    assert verbose.returncode == 0, verbose.stderr.decode()
    assert _native(verbose.stderr)  # what is hidden is really written by TensorFlow on this machine
