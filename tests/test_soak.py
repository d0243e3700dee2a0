"""tools/soak.py with 3 SIGKILLs (one at a checkpoint write, one at the start of a resume, one at random) on the
toy preset, dcgan_ema and wgan_gp: the resumed run ends bit-identical to the run made in one go, with no
temporary folders left."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.large  # several processes / timed runs: run with --large

SOAK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools", "soak.py")


IMAGES = ["--set", "generator.base_filters=4", "--set", "discriminator.base_filters=4", "--set", "latent_dim=8",
          "--set", "precision=float32", "--set", "jit_compile=false", "--set", "batch_size=16"]
CASES = {  # preset, its options, steps, about how long a process takes to start training (seconds)
    "gaussian_ring": (["--set", "generator.units=[32,32]", "--set", "discriminator.units=[32,32]", "--set", "batch_size=64",
                       "--set", "model.ema_decay=0.99", "--set", "regularizers.r1.weight=1.0"], 300, 4),
    "dcgan_ema": (IMAGES, 300, 8),
    "wgan_gp": (IMAGES, 600, 10),
}


@pytest.mark.parametrize("preset", list(CASES))
def test_three_kills_end_bit_identical(preset, tmp_path):
    import numpy as np

    options, steps, startup = CASES[preset]
    if preset != "gaussian_ring":
        np.savez(tmp_path / "digits.npz", x=np.random.default_rng(0).integers(0, 256, (256, 28, 28, 1), dtype=np.uint8))
        options = [*options, "--set", f"dataset.name={tmp_path / 'digits.npz'}"]
    out = subprocess.run(
        [sys.executable, SOAK, "--preset", preset, "--kills", "3", "--steps", str(steps), "--checkpoint-every", "10",
         "--out", str(tmp_path / "soak"), *options, "--startup-seconds", str(startup), "--run-seconds", "3"],
        capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "soak: 3 kills" in out.stdout and "final weights bit-identical" in out.stdout
    assert "temporary folders left: 0" in out.stdout
