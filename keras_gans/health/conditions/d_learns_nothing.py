import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, median, part, register_condition, remedies


@register_condition("d_learns_nothing")
class DLearnsNothing(Condition):
    """D cannot tell real from fake from the start: its logits on real and fake samples stay within
    ``separation`` of their spread within a batch over the first rows and over the run (accuracies near 0.5
    where the loss has a threshold), and D's loss stays flat (within ``flat`` of its first value). Then G gets
    no direction: too low a D learning rate, a D too small or too regularised, or data that does not reach D."""

    title = "the discriminator learns nothing"

    def __init__(self, separation=0.25, flat=0.05):
        self.separation, self.flat = separation, flat

    def check(self, curves, settings):
        if "real_logit" not in curves or "real_logit_std" not in curves:
            return None
        spread = np.maximum(0.5 * (curves["real_logit_std"] + curves["fake_logit_std"]), 1e-6)
        parted = np.abs(curves["real_logit"] - curves["fake_logit"]) / spread
        n = len(parted)
        early, whole = median(parted[: max(2, n // 5)]), median(parted)
        if not (early < self.separation and whole < self.separation):
            return None
        if "diversity" in curves:  # G still learns (its samples spread out): D is teaching it, at equilibrium
            v = curves["diversity"][np.isfinite(curves["diversity"])]
            if len(v) >= 2 and median(v[-max(2, len(v) // 5):]) > 1.5 * median(v[:max(2, len(v) // 5)]):
                return None
        evidence = [f"D's logits on real and fake samples parted by {fmt(whole)} times their spread over the run "
                    f"({fmt(early)} in the first rows)"]
        if "real_accuracy" in curves:
            accuracy = 0.5 * (median(part(curves, "real_accuracy", 0, 1)) + median(part(curves, "fake_accuracy", 0, 1)))
            if abs(accuracy - 0.5) > 0.15:
                return None
            evidence.append(f"D's mean accuracy {fmt(accuracy)}")
        if "d_loss" in curves:
            d = curves["d_loss"][np.isfinite(curves["d_loss"])]
            change = abs(median(d[-max(2, len(d) // 5):]) - d[0]) / max(abs(d[0]), 1e-6)
            if change > self.flat:
                return None
            evidence.append(f"D's loss flat: {fmt(d[0])} at the start, {fmt(median(d[-max(2, len(d) // 5):]))} at the end")
        fixes = remedies(
            settings.d_lr_times(4.0) and f"--set {settings.d_lr_times(4.0)}  (a faster D)",
            "--set model.d_steps=2  (two D updates per G update)",
        )
        return self.finding(curves, curves.steps[0], evidence, fixes, severity=2.0)
