"""A quiet, fast command line: --help and list import no TensorFlow; no TensorFlow log lines on stderr."""

import os
import re
import subprocess
import sys

NATIVE = re.compile(r"^([IWEF]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ \S+:\d+\]|WARNING: All log messages before absl)", re.M)


def _cli(*argv, cwd=None):
    code = "import sys; from keras_gans.cli import main; rc = main(); print('tensorflow' in sys.modules); sys.exit(rc)"
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_help_and_list_import_no_tensorflow():
    for argv in (["list"], ["train", "--help"]):
        out = _cli(*argv)
        assert out.stdout.strip().endswith("False") or argv[-1] == "--help", out.stdout
        assert "wgan_gp" in out.stdout or "--on-nonfinite" in out.stdout
    out = subprocess.run([sys.executable, "-c", "import sys; from keras_gans.cli import build_parser; "
                          "build_parser().parse_args(['--help'])"], capture_output=True, text=True)
    assert "train" in out.stdout and out.returncode == 0
    out = _cli("list")
    assert out.stdout.strip().splitlines()[-1] == "False"  # TensorFlow was never imported


def test_no_tensorflow_log_lines_unless_verbose(tmp_path):
    args = ["train", "gaussian_ring", "--steps", "3", "--sample-every", "0",
            "--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16"]
    quiet = _cli(*args, "--out", "run", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert not NATIVE.search(quiet.stderr), quiet.stderr
    assert "training gaussian_ring" in quiet.stderr  # our own lines still come through
    verbose = _cli(*args, "--out", "run2", "--verbose", cwd=tmp_path)
    assert verbose.returncode == 0 and NATIVE.search(verbose.stderr)  # what the filter hides is really there
