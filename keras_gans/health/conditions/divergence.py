import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, head, median, register_condition, remedies, tail

WATCHED = ("d_grad_norm", "g_grad_norm", "d_loss", "g_loss")


@register_condition("divergence")
class Divergence(Condition):
    """Training runs away before anything turns non-finite: a loss or a gradient norm grows without bound, its
    last rows ``growth`` times its median over the first third (and a tenth of its peak there) and still rising (the last fifth ``rising``
    times the middle third), or the log holds non-finite values; or, for a loss with a decision threshold (D's
    accuracy is logged), D's logits run past ``saturation`` in the last rows: the sigmoid of such a logit is
    1 in float32 and D's loss and its gradient are of the order of e^-30 ~ 1e-13, nothing next to the weights:
    the weights ran away and the game has stopped."""

    title = "divergence"

    def __init__(self, growth=30.0, rising=3.0, saturation=30.0):
        self.growth, self.rising, self.saturation = growth, rising, saturation

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
            first_third = head(values, 3)
            early, middle, late = median(first_third), median(values[n // 3: max(n // 3 + 1, 2 * n // 3)]), median(tail(values))
            # a tenth of the early peak too: a curve that starts near zero (a saturated D's gradient) and comes
            # back to its first values is recovering, not running away
            floor = max(early, 0.1 * float(np.max(first_third)), 1e-3 if "norm" in name else 1e-2)
            if late > self.growth * floor and late > self.rising * max(middle, 1e-12):
                first = int(np.argmax(values > np.sqrt(self.growth) * floor))
                evidence.append(f"{name} grew from {fmt(early)} (first third) to {fmt(late)} (last rows), above "
                                f"{fmt(np.sqrt(self.growth) * floor)} from step {int(curves.steps[first])}")
                since = int(curves.steps[first]) if since is None else min(since, int(curves.steps[first]))
        if "real_accuracy" in curves and "real_logit" in curves:
            size = np.maximum(np.abs(curves["real_logit"]), np.abs(curves["fake_logit"]))
            if median(tail(size)) > self.saturation:
                first = int(curves.steps[np.argmax(size > self.saturation)])
                evidence.append(f"D's logits (real {fmt(median(tail(curves['real_logit'])))}, fake "
                                f"{fmt(median(tail(curves['fake_logit'])))} in the last rows) beyond "
                                f"{fmt(self.saturation)} from step {first}: the sigmoid is saturated, D's gradient ~e^-{fmt(self.saturation)}")
                since = first if since is None else min(since, first)
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
