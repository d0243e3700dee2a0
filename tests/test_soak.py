"""tools/soak.py with 3 SIGKILLs (one at a checkpoint write, one at the start of a resume, one at random):
the resumed run ends bit-identical to the run made in one go, with no temporary folders left."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.large  # several processes / timed runs: run with --large

SOAK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools", "soak.py")


def test_three_kills_end_bit_identical(tmp_path):
    out = subprocess.run(
        [sys.executable, SOAK, "--kills", "3", "--steps", "300", "--checkpoint-every", "10", "--out", str(tmp_path / "soak"),
         "--set", "generator.units=[32,32]", "--set", "discriminator.units=[32,32]", "--set", "batch_size=64",
         "--set", "model.ema_decay=0.99", "--set", "regularizers.r1.weight=1.0", "--startup-seconds", "4",
         "--run-seconds", "3"],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "soak: 3 kills" in out.stdout and "final weights bit-identical" in out.stdout
    assert "temporary folders left: 0" in out.stdout
