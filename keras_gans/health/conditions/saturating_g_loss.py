import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, holds_from, median, part, register_condition, remedies, rolling_median


@register_condition("saturating_g_loss")
class SaturatingGeneratorLoss(Condition):
    """G minimises a saturating loss (the minimax game's log(1 - D(G(z))), Goodfellow et al. 2014, sec. 3) while
    D rejects its samples: G's loss sits at its floor (within ``floor`` of 0) while D calls fakes fake (fake
    accuracy above ``accuracy``), so G's gradient has vanished; read from the curves alone."""

    title = "a saturating generator loss"

    def __init__(self, floor=0.05, accuracy=0.95):
        self.floor, self.accuracy = floor, accuracy

    def check(self, curves, settings):
        if "g_loss" not in curves or "fake_accuracy" not in curves:
            return None
        g = rolling_median(curves["g_loss"])
        rejected = rolling_median(curves["fake_accuracy"]) > self.accuracy
        since = holds_from(curves, (np.abs(g) < self.floor) & rejected)
        if since is None:
            return None
        evidence = [f"G's loss {fmt(g[-1])} (at its floor, 0) with D's accuracy on fakes "
                    f"{fmt(median(part(curves, 'fake_accuracy', 0.8, 1)))}, from step {since}"]
        if "g_grad_norm" in curves:
            evidence.append(f"G's gradient norm {fmt(median(part(curves, 'g_grad_norm', 0.8, 1)))} over the last rows")
        fixes = ["--set loss.name=non_saturating  (G maximises log D(G(z)) instead: the same fixed point, strong "
                 "gradients where D rejects, Goodfellow et al. 2014, sec. 3)"]
        lr = settings.d_lr_times(0.25)
        fixes += remedies(lr and f"--set {lr}  (a slower D)")
        return self.finding(curves, since, evidence, fixes, severity=3.5)
