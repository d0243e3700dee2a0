import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, head, median, part, register_condition, remedies, tail


@register_condition("d_learns_nothing")
class DLearnsNothing(Condition):
    """D cannot tell real from fake from the start: its logits on real and fake samples stay within
    ``separation`` of their spread within a batch over the first rows and over the run (accuracies near 0.5
    where the loss has a threshold), and D's loss stays flat (within ``flat`` of its first value). Then G gets
    no direction: too low a D learning rate, a D too small or too regularised, or data that does not reach D.
    Or D loses from the start: it rates G's samples above real ones over the first rows and over the run (its
    accuracy on fakes below ``fooled`` where the loss has a threshold) while its loss does not fall; G then
    fools a D that does not move (its update-to-weight ratio, where logged, is shown beside G's). Not when
    G's samples spread like the data (their diversity within ``matched`` of real data's): that is the
    equilibrium of a run that worked (D's loss at 2 log 2 for the non-saturating loss)."""

    title = "the discriminator learns nothing"

    def __init__(self, separation=0.25, flat=0.05, fooled=0.2, matched=0.2):
        self.separation, self.flat, self.fooled, self.matched = separation, flat, fooled, matched

    def _loses(self, curves):
        """Evidence that D rates fakes above reals from the start and its loss does not fall, or None."""
        above = curves["fake_logit"] - curves["real_logit"]
        if not (median(head(above)) > 0 and median(above) > 0):
            return None
        evidence = [f"D rates G's samples above real ones from the start: fake logit {fmt(median(curves['fake_logit']))}, "
                    f"real {fmt(median(curves['real_logit']))} (medians over the run)"]
        if "fake_accuracy" in curves:
            fooled = median(curves["fake_accuracy"])
            if not fooled < self.fooled:
                return None
            evidence.append(f"D's accuracy on fakes {fmt(fooled)}")
        if "d_loss" in curves:
            d = curves["d_loss"][np.isfinite(curves["d_loss"])]
            if median(tail(d)) < 0.95 * median(head(d)):
                return None  # D's loss falls: it is learning, only behind
            evidence.append(f"D's loss does not fall: {fmt(median(head(d)))} in the first rows, "
                            f"{fmt(median(tail(d)))} in the last")
        if "d_update_ratio" in curves and "g_update_ratio" in curves:
            evidence.append(f"D's update-to-weight ratio {fmt(median(curves['d_update_ratio']))} per step against "
                            f"G's {fmt(median(curves['g_update_ratio']))}")
        return evidence

    def check(self, curves, settings):
        if "real_logit" not in curves or "real_logit_std" not in curves:
            return None
        spread = np.maximum(0.5 * (curves["real_logit_std"] + curves["fake_logit_std"]), 1e-6)
        parted = np.abs(curves["real_logit"] - curves["fake_logit"]) / spread
        early, whole = median(head(parted)), median(parted)
        loses = self._loses(curves)
        if loses:
            return self.finding(curves, curves.steps[0], loses, self._fixes(settings), severity=3.2)
        if not (early < self.separation and whole < self.separation):
            return None
        if "diversity" in curves:  # G still learns (its samples spread out): D is teaching it, at equilibrium
            v = curves["diversity"][np.isfinite(curves["diversity"])]
            late = median(tail(v)) if len(v) >= 2 else float("nan")
            if len(v) >= 2 and late > 1.5 * median(head(v)):
                return None
            real = curves["real_diversity"][np.isfinite(curves["real_diversity"])] if "real_diversity" in curves else []
            if len(real) and abs(late - median(real)) < self.matched * median(real):
                return None  # G's samples spread like the data: D cannot tell them apart because G won (equilibrium)
        evidence = [f"D's logits on real and fake samples parted by {fmt(whole)} times their spread over the run "
                    f"({fmt(early)} in the first rows)"]
        if "real_accuracy" in curves:
            accuracy = 0.5 * (median(part(curves, "real_accuracy", 0, 1)) + median(part(curves, "fake_accuracy", 0, 1)))
            if abs(accuracy - 0.5) > 0.15:
                return None
            evidence.append(f"D's mean accuracy {fmt(accuracy)}")
        if "d_loss" in curves:
            d = curves["d_loss"][np.isfinite(curves["d_loss"])]
            change = abs(median(tail(d)) - d[0]) / max(abs(d[0]), 1e-6)
            if change > self.flat:
                return None
            evidence.append(f"D's loss flat: {fmt(d[0])} at the start, {fmt(median(tail(d)))} at the end")
        return self.finding(curves, curves.steps[0], evidence, self._fixes(settings), severity=3.2)

    def _fixes(self, settings):
        return remedies(
            settings.d_lr_times(4.0) and f"--set {settings.d_lr_times(4.0)}  (a faster D)",
            "--set model.d_steps=2  (two D updates per G update)",
        )
