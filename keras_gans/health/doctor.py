"""``diagnose``: what a run's curves say went wrong, ranked, each finding with its evidence and remedies."""

import json
import os

from keras_gans.health.conditions import CONDITIONS, Settings
from keras_gans.health.conditions.base import MIN_ROWS
from keras_gans.health.curves import Curves


def diagnose(curves, config=None, conditions=None):
    """The ``Finding``s of every registered condition (or of ``conditions``, names) that holds on ``curves``,
    most severe first; ``[]``: healthy. ``config``: the run's preset (what the remedies may add), optional;
    the diagnosis itself reads the curves only. A history of fewer than ``MIN_ROWS`` rows gives none."""
    if len(curves) < MIN_ROWS:
        return []
    settings = Settings(curves, config)
    findings = []
    for name in conditions or CONDITIONS.names():
        finding = CONDITIONS.get(name)().check(curves, settings)
        if finding is not None:
            findings.append(finding)
    return sorted(findings, key=lambda f: (-f.severity, f.step))


def diagnose_run(run_dir):
    """(findings, curves) of a run directory: its ``history.csv`` (and ``metrics.csv``) and its config."""
    curves = Curves.of_run(run_dir)
    config = None
    path = os.path.join(run_dir, "config.json")
    if os.path.isfile(path):
        with open(path) as f:
            config = json.load(f)
    return diagnose(curves, config), curves


def report(run_dir, findings, curves):
    """The doctor's words: one block per finding (title, evidence, remedies to try in order), or healthy."""
    span = f"steps {int(curves.steps[0])}..{int(curves.steps[-1])}, {len(curves)} rows" if len(curves) else "no rows"
    if len(curves) < MIN_ROWS:
        return f"{run_dir}: too short to judge ({span}; the doctor needs {MIN_ROWS} rows of --log-every)."
    if not findings:
        return f"{run_dir}: healthy ({span}): none of {', '.join(CONDITIONS.names())} holds."
    lines = [f"{run_dir}: {len(findings)} problem(s) ({span})"]
    for i, f in enumerate(findings, 1):
        lines.append(f"{i}. {f.title} (from step {f.step})")
        lines += [f"   evidence: {e}" for e in f.evidence]
        lines += [f"   try {j}: {r}" for j, r in enumerate(f.remedies, 1)]
    return "\n".join(lines)
