import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, median, register_condition, remedies

WATCHED = ("d_grad_norm", "g_grad_norm", "d_loss", "g_loss")


@register_condition("divergence")
class Divergence(Condition):
    """Training runs away before anything turns non-finite: a loss or a gradient norm grows without bound, its
    last rows ``growth`` times its median over the first third and still rising (the last fifth ``rising``
    times the middle third), or the log holds non-finite values."""

    title = "divergence"

    def __init__(self, growth=30.0, rising=3.0):
        self.growth, self.rising = growth, rising

    def check(self, curves, settings):
        evidence, since = [], None
        n = len(curves)
        for name in WATCHED:
            if name not in curves:
                continue
            values = np.abs(curves[name])
            bad = ~np.isfinite(curves[name])
            if bad.any():
                step = int(curves.steps[np.argmax(bad)])
                evidence.append(f"{name} is not finite from step {step}")
                since = step if since is None else min(since, step)
                continue
            early, middle, late = median(values[: max(2, n // 3)]), median(values[n // 3: max(n // 3 + 1, 2 * n // 3)]), \
                median(values[-max(2, n // 5):])
            floor = max(early, 1e-3 if "norm" in name else 1e-2)
            if late > self.growth * floor and late > self.rising * max(middle, 1e-12):
                first = int(np.argmax(values > np.sqrt(self.growth) * floor))
                evidence.append(f"{name} grew from {fmt(early)} (first third) to {fmt(late)} (last rows), above "
                                f"{fmt(np.sqrt(self.growth) * floor)} from step {int(curves.steps[first])}")
                since = int(curves.steps[first]) if since is None else min(since, int(curves.steps[first]))
        if not evidence:
            return None
        fixes = remedies(
            settings.d_lr_times(0.1) and settings.g_lr_times(0.1) and
            f"--set {settings.d_lr_times(0.1)} --set {settings.g_lr_times(0.1)}  (10x lower rates)",
            None if settings.has("regularizers", "gradient_penalty") or settings.has("regularizers", "r1") else
            "--set regularizers.r1.weight=10  (a penalty that bounds D's gradients)",
            "--set model.on_nonfinite=rollback  (restore the last good checkpoint and halve the rates)",
            "--set precision=float32  (no reduced precision)",
        )
        return self.finding(curves, since, evidence, fixes, severity=4.0)
