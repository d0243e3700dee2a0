"""A quiet, fast command line: --help and list import no TensorFlow; no TensorFlow log lines on stderr."""

import re
import subprocess
import sys

import pytest

NATIVE = re.compile(r"^([IWEF]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ \S+:\d+\]|WARNING: All log messages before absl)", re.M)


def _cli(*argv, cwd=None):
    """``keras-gans ARGV`` as the console script runs it; the last stdout line says whether TensorFlow was
    imported."""
    code = ("import sys\nfrom keras_gans.cli import main\ntry:\n    rc = main()\nexcept SystemExit as e:\n    rc = e.code\n"
            "print('tensorflow imported:', 'tensorflow' in sys.modules)\nsys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.large  # the CLI in processes of its own
def test_help_and_list_import_no_tensorflow():
    for argv, expected in ((["list"], "wgan_gp"), (["--help"], "train"), (["train", "--help"], "--on-nonfinite")):
        out = _cli(*argv)
        assert out.returncode == 0 and expected in out.stdout, out.stderr
        assert out.stdout.strip().splitlines()[-1] == "tensorflow imported: False"
    out = _cli("sample", "no_such_run")  # a command that needs a model does import it: the check can fail
    assert out.stdout.strip().splitlines()[-1] == "tensorflow imported: True"


@pytest.mark.large  # CLI trainings in processes of their own
def test_no_tensorflow_log_lines_unless_verbose(tmp_path):
    args = ["train", "gaussian_ring", "--steps", "3", "--sample-every", "0",
            "--set", "generator.units=[8]", "--set", "discriminator.units=[8]", "--set", "batch_size=16"]
    quiet = _cli(*args, "--out", "run", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert not NATIVE.search(quiet.stderr), quiet.stderr
    assert "training gaussian_ring" in quiet.stderr  # our own lines still come through
    verbose = _cli(*args, "--out", "run2", "--verbose", cwd=tmp_path)
    assert verbose.returncode == 0 and NATIVE.search(verbose.stderr)  # what the filter hides is really there
