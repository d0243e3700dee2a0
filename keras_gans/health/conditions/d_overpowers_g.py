import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, head, holds_from, median, part, register_condition, remedies, rolling_median, tail


@register_condition("d_overpowers_g")
class DOverpowersG(Condition):
    """D wins and G's learning signal fades (Arjovsky & Bottou 2017, sec. 2.2: a perfect discriminator leaves
    the generator without gradient). Evidence, all from the curves: D tells real from fake almost always
    (both accuracies above ``accuracy``, or, for a loss without a threshold, the logits of real and fake
    samples parted by more than ``separation`` times their spread within a batch) for the last rows, and either
    the fake logits run away from the real ones (the gap grows ``runaway``-fold from its early value), G's
    gradient norm falls ``fade``-fold below its early peak, or D is near-certain (both accuracies above
    ``certain``) over the last half of the run or more (with the non-saturating loss G's gradient need not
    fade while D wins)."""

    title = "the discriminator overpowers the generator"

    def __init__(self, accuracy=0.95, separation=4.0, runaway=3.0, fade=30.0, certain=0.99):
        self.accuracy, self.separation, self.runaway, self.fade, self.certain = accuracy, separation, runaway, fade, certain

    def check(self, curves, settings):
        gap = curves["real_logit"] - curves["fake_logit"] if "real_logit" in curves else None
        if gap is None:
            return None
        spread = 0.5 * (curves["real_logit_std"] + curves["fake_logit_std"]) if "real_logit_std" in curves else None
        if "real_accuracy" in curves:
            wins = (rolling_median(curves["real_accuracy"]) > self.accuracy) & (rolling_median(curves["fake_accuracy"]) > self.accuracy)
            shown = f"D's accuracy on real / fake {fmt(median(part(curves, 'real_accuracy', 0.8, 1)))} / " \
                    f"{fmt(median(part(curves, 'fake_accuracy', 0.8, 1)))} over the last rows"
        elif spread is not None:
            wins = rolling_median(gap / np.maximum(spread, 1e-12)) > self.separation
            shown = f"D's logits on real and fake parted by {fmt(median(part(curves, 'real_logit', 0.8, 1)) - median(part(curves, 'fake_logit', 0.8, 1)))}, " \
                    f"{fmt(median((gap / np.maximum(spread, 1e-12))[-max(1, len(gap) // 5):]))} times their spread"
        else:
            return None
        since = holds_from(curves, wins)
        if since is None:
            return None
        evidence = [f"{shown}, from step {since}"]
        early_gap = median(np.abs(head(gap)))
        late_gap = median(tail(gap))
        runaway = late_gap > self.runaway * max(early_gap, 1e-6)
        if runaway:
            evidence.append(f"the gap between real and fake logits grew from {fmt(early_gap)} (early rows) to {fmt(late_gap)}")
        fading = False
        if "g_grad_norm" in curves:
            g = curves["g_grad_norm"]
            peak = float(np.nanmax(g[: max(2, len(g) // 3)]))
            late = median(part(curves, "g_grad_norm", 0.8, 1))
            fading = late * self.fade < peak
            if fading:
                evidence.append(f"G's gradient norm fell from {fmt(peak)} to {fmt(late)} ({fmt(peak / max(late, 1e-30))}x)")
        certain = False
        if "real_accuracy" in curves:
            sure = (rolling_median(curves["real_accuracy"]) > self.certain) & (rolling_median(curves["fake_accuracy"]) > self.certain)
            sure_since = holds_from(curves, sure)
            certain = sure_since is not None and np.mean(curves.steps >= sure_since) >= 0.5
            if certain:
                evidence.append(f"D near-certain (both accuracies above {fmt(self.certain)}) from step {sure_since} to the end")
        if not (runaway or fading or certain):
            return None
        fixes = remedies(
            settings.d_lr_times(0.25) and f"--set {settings.d_lr_times(0.25)}  (a slower D: TTUR, Heusel et al. 2017)",
            None if settings.has("regularizers", "r1") else "--set regularizers.r1.weight=10  (R1 on real data, Mescheder et al. 2018)",
            None if settings.has("d_input_transforms", "diff_augment") else
            "--set d_input_transforms.diff_augment.policy=color,translation,cutout  (D sees augmented samples, Zhao et al. 2020)",
            '--set model.balance={"d_max_accuracy":0.9}  (skip D\'s update while it wins)',
        )
        return self.finding(curves, since, evidence, fixes, severity=2.0 + fading)
