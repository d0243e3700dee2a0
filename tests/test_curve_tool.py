"""tools/curve.py: the marks at which runs are scored, the CSV and the plot of the curve benchmark, and
one short curve-one run scored by the packaged judge (generated IDX data written by the test)."""

import csv
import json
import os
import subprocess
import sys

import numpy as np
import pytest

TOOLS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools")
sys.path.insert(0, TOOLS)
import curve  # noqa: E402

pytestmark = pytest.mark.large  # several processes / timed runs: run with --large


class Args:
    def __init__(self, minutes, every, marks=None):
        self.minutes, self.eval_every_minutes, self.marks = minutes, every, marks


def test_marks_every_k_minutes_and_the_end():
    assert curve._marks(Args(10, 2)) == [2, 4, 6, 8, 10]
    assert curve._marks(Args(5, 2)) == [2, 4, 5]
    assert curve._marks(Args(30, 10, marks="5,10,30")) == [5, 10, 30]


def test_csv_and_plot_hold_every_row(tmp_path):
    rows = [{"label": "a", "kind": "preset", "minutes": 1.0, "step": 10, "fid": 20.0, "kid": 0.5, "precision": 0.5,
             "recall": 0.4, "modes": 10, "num_modes": 10, "reverse_kl": 0.1},
            {"label": "a", "kind": "preset", "minutes": 2.0, "step": 20, "fid": 10.0, "kid": 0.2, "precision": 0.6,
             "recall": 0.5, "modes": 10, "num_modes": 10, "reverse_kl": 0.05},
            {"label": "peer x", "kind": "peer", "minutes": 2.0, "step": 5, "fid": 50.0, "kid": 1.0, "precision": 0.1,
             "recall": 0.1}]
    curve.write_csv(tmp_path / "c.csv", rows)
    back = list(csv.DictReader(open(tmp_path / "c.csv")))
    assert [(r["label"], float(r["minutes"]), float(r["fid"])) for r in back] == [("a", 1, 20), ("a", 2, 10), ("peer x", 2, 50)]
    assert back[2]["modes"] == ""  # a peer without class coverage leaves the cell empty
    curve.plot(tmp_path / "c.png", rows, "t", curve.parse_lines("blur=9.06,real=0.077"))
    assert open(tmp_path / "c.png", "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert curve.parse_lines("1-px blur=9.06") == {"1-px blur": 9.06}


def test_curve_one_scores_at_each_mark(tmp_path):
    """A tiny preset trained for 0.3 + 0.1 minutes on a generated IDX folder: one row per mark, steps grow,
    the sample grid of each mark written."""
    from tests.data.test_data import write_idx

    data = tmp_path / "idx"
    data.mkdir()
    rng = np.random.default_rng(0)
    write_idx(str(data / "train-images-idx3-ubyte.gz"), rng.integers(0, 256, (256, 28, 28)))
    write_idx(str(data / "train-labels-idx1-ubyte.gz"), np.arange(256) % 10)
    result = tmp_path / "run.json"
    overrides = {"generator.base_filters": 4, "discriminator.base_filters": 4, "batch_size": 16,
                 "precision": "float32", "jit_compile": False}
    subprocess.run([sys.executable, os.path.join(TOOLS, "benchmark.py"), "curve-one", "--label", "tiny", "--preset",
                    "dcgan_ema", "--overrides", json.dumps(overrides), "--result", str(result), "--marks", "0.35,0.45",
                    "--dataset", str(data), "--n", "200"], check=True, capture_output=True)
    marks = json.load(open(result))["marks"]
    assert [m["minutes"] for m in marks] == [0.35, 0.45]
    assert 0 < marks[0]["step"] < marks[1]["step"]
    assert all(np.isfinite(m["fid"]) and 0 <= m["precision"] <= 1 and m["num_modes"] == 10 for m in marks)
    assert os.path.exists(tmp_path / "run" / "samples_0.45min.png")


def test_stacked_mnist_is_judged_by_its_modes(tmp_path):
    """Stacked MNIST (3 channels) is scored by mode counting alone: no features of RGB images are asked of
    the grayscale classifier, at the first mark or later."""
    import keras_gans
    from tests.data.test_data import write_idx

    rng = np.random.default_rng(0)
    write_idx(str(tmp_path / "train-images-idx3-ubyte.gz"), rng.integers(0, 256, (64, 28, 28)))
    write_idx(str(tmp_path / "train-labels-idx1-ubyte.gz"), np.arange(64) % 10)
    preset = keras_gans.zoo.resolve("dcgan_ema_stacked_mnist", **{"dataset.name": f"stacked_mnist:{tmp_path}",
                                                                   "generator.base_filters": 4, "discriminator.base_filters": 4})
    gan = keras_gans.zoo.build_gan(preset)
    score = curve.judge(preset, 50)
    for _ in range(2):
        values = score(gan)
        assert set(values) == {"modes", "num_modes", "reverse_kl"} and values["num_modes"] == 1000
        assert 1 <= values["modes"] <= 50
