"""A run's training-health curves as the plot and the doctor read them: ``history.csv`` (``TrainingLog``),
``metrics.csv`` (the evaluations of ``train --eval-every``) and the sample grids, by step."""

import glob
import math
import os
import re

import numpy as np

from keras_gans.health.history_file import read_history

# what the step logs that is not a loss or a penalty (everything else in history.csv is one of those)
NOT_LOSSES = {"step", "real_logit", "fake_logit", "real_logit_std", "fake_logit_std", "real_accuracy", "fake_accuracy",
              "r_t", "d_grad_norm", "g_grad_norm", "d_update_ratio", "g_update_ratio", "d_learning_rate",
              "g_learning_rate", "ema_decay", "ada_p", "images_per_second", "diversity", "sample_classes",
              "top_class_share", "nonfinite", "real_diversity", "train_logit", "held_out_logit", "jacobian_condition"}


class Curves:
    """The columns of a history as float arrays over ``steps`` (NaN where a row has no value).

    Example:
        >>> curves = Curves.of_run("runs/dcgan_ema")
        >>> curves["d_loss"][-1], curves.steps[-1]
    """

    def __init__(self, columns, rows, metrics=None, grids=()):
        self.columns = [c for c in columns if c != "step"]
        self.steps = np.array([r["step"] for r in rows], np.float64)
        self._values = {c: np.array([_number(r.get(c)) for r in rows], np.float64) for c in self.columns}
        self.metrics = metrics or {}  # {name: (steps, values)} of the run's evaluations
        self.grids = list(grids)  # [(step, path)] of the run's sample grids

    @classmethod
    def of_run(cls, run_dir):
        path = os.path.join(run_dir, "history.csv")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{run_dir} holds no history.csv: it was trained before runs kept their curves, or "
                                    "with --log-every 0. Train (or resume) it with --log-every 50.")
        columns, rows = read_history(path)
        metric_columns, metric_rows = read_history(os.path.join(run_dir, "metrics.csv"))
        metrics = {c: (np.array([r["step"] for r in metric_rows], np.float64),
                       np.array([_number(r.get(c)) for r in metric_rows], np.float64))
                   for c in metric_columns if c != "step"}
        return cls(columns, rows, metrics, sample_grids(run_dir))

    def __contains__(self, name):
        return name in self._values and bool(np.isfinite(self._values[name]).any())

    def __getitem__(self, name):
        return self._values[name]

    def __len__(self):
        return len(self.steps)

    @property
    def losses(self):
        """The loss and penalty columns (D's and G's losses first)."""
        first = [c for c in ("d_loss", "g_loss") if c in self]
        return first + [c for c in self.columns if c not in NOT_LOSSES and c not in first and c in self]


def sample_grids(run_dir):
    """``[(step, path)]`` of the run's ``samples_<step>.png``, by step."""
    grids = []
    for path in glob.glob(os.path.join(run_dir, "samples_*.png")):
        match = re.fullmatch(r"samples_(\d+)\.png", os.path.basename(path))
        if match:
            grids.append((int(match.group(1)), path))
    return sorted(grids)


def _number(value):
    if value is None or isinstance(value, str):
        return math.nan
    return float(value)
