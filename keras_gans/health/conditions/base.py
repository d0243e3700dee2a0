"""What a condition of the doctor is: a check of a run's curves that returns a ``Finding`` (what went wrong,
the evidence, the ranked remedies as ``--set`` keys) or None; registered by name (``register_condition``)."""

from dataclasses import asdict, dataclass, field

import numpy as np

from keras_gans.registry import Registry

CONDITIONS = Registry("doctor condition")
MIN_ROWS = 6  # rows of history a condition needs before it says anything


def register_condition(name):
    """Class decorator: sets ``cls.name`` and registers the condition under it."""
    def wrap(cls):
        cls.name = name
        return CONDITIONS.register(name, cls)

    return wrap


@dataclass
class Finding:
    """One problem the curves show: ``condition`` (its registered name), ``title``, ``step`` (from when it
    holds), ``evidence`` (which curve, from which step, which values), ``remedies`` (``--set`` assignments
    with their reason, best first) and ``severity`` (findings are ranked by it, highest first)."""

    condition: str
    title: str
    step: int
    evidence: list = field(default_factory=list)
    remedies: list = field(default_factory=list)
    severity: float = 1.0

    def as_dict(self):
        return asdict(self)


class Condition:
    """Subclasses set ``title`` and implement ``check(curves, settings) -> Finding | None``; ``settings`` are
    the run's learning rates and losses as its curves and config show them (``Settings``)."""

    title = "abstract"

    def check(self, curves, settings):
        raise NotImplementedError

    def finding(self, curves, step, evidence, remedies, severity=1.0):
        return Finding(self.name, self.title, int(step), list(evidence), list(remedies), float(severity))


class Settings:
    """What remedies are written from: the learning rates in effect (the history's last row) and the run's
    config (its regularisers, input transforms, loss), when the run has one."""

    def __init__(self, curves, config=None):
        self.config = config or {}
        self.d_lr = last(curves, "d_learning_rate")
        self.g_lr = last(curves, "g_learning_rate")

    def has(self, section, name):
        return name in (self.config.get(section) or {})

    def d_lr_times(self, factor):
        return f"optimizers.d.learning_rate={self.d_lr * factor:.3g}" if np.isfinite(self.d_lr) else None

    def g_lr_times(self, factor):
        return f"optimizers.g.learning_rate={self.g_lr * factor:.3g}" if np.isfinite(self.g_lr) else None


# ------------------------------------------------------------------ helpers over the curves
def last(curves, name):
    if name not in curves:
        return float("nan")
    values = curves[name][np.isfinite(curves[name])]
    return float(values[-1]) if len(values) else float("nan")


def part(curves, name, start, end):
    """The finite values of ``name`` in the fraction [start, end) of the rows."""
    if name not in curves:
        return np.array([])
    n = len(curves)
    values = curves[name][int(start * n): max(int(start * n) + 1, int(np.ceil(end * n)))]
    return values[np.isfinite(values)]


def head(values, parts=5):
    """The first ``1 / parts`` of ``values`` (at least 2 of them)."""
    return values[: max(2, len(values) // parts)]


def tail(values, parts=5):
    """The last ``1 / parts`` of ``values`` (at least 2 of them)."""
    return values[-max(2, len(values) // parts):]


def median(values):
    return float(np.median(values)) if len(values) else float("nan")


def rolling_median(values, k=3):
    values = np.asarray(values, np.float64)
    if len(values) < k:
        return values
    return np.array([np.nanmedian(values[max(0, i - k + 1): i + 1]) for i in range(len(values))])


def holds_from(curves, mask, min_rows=3):
    """The step from which ``mask`` (one bool per row) holds to the last row, if it holds for at least
    ``min_rows`` rows there; else None."""
    mask = np.asarray(mask, bool)
    if len(mask) == 0 or not mask[-1]:
        return None
    start = len(mask) - 1
    while start > 0 and mask[start - 1]:
        start -= 1
    return int(curves.steps[start]) if len(mask) - start >= min_rows else None


def fmt(x):
    return f"{x:.3g}"


def remedies(*items):
    """The remedies given (a None, one that the run's settings cannot write, is left out)."""
    return [r for r in items if r]
