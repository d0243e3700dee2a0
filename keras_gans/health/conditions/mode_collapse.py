import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, holds_from, median, register_condition, remedies, rolling_median, tail


@register_condition("mode_collapse")
class ModeCollapse(Condition):
    """G maps many latents to few outputs (Goodfellow 2016, sec. 5.1.1; Arjovsky & Bottou 2017): the diversity
    of the fixed latent batch falls below ``drop`` times its peak after the first rows, or below ``of_real``
    times the diversity of real data where the log measured it; where the extractor classifies, the classes
    the batch fills fall to ``classes`` of their peak or one class takes more than ``top_share`` of it. As an
    early signal (Odena et al. 2018, sec. 4: the condition number of G's Jacobian grows early in runs that end
    badly): the condition number grown ``condition_growth``-fold from its first values while the diversity
    is already below ``early_drop`` of its peak. Low diversity or few classes while the diversity still grows
    (its last fifth ``spreading`` times its middle third) is a G still learning, not a collapse."""

    title = "mode collapse"

    def __init__(self, drop=0.5, of_real=0.35, classes=0.5, top_share=0.5, condition_growth=30.0, early_drop=0.75,
                 spreading=1.3):
        self.drop, self.of_real, self.classes, self.top_share = drop, of_real, classes, top_share
        self.spreading = spreading
        self.condition_growth, self.early_drop = condition_growth, early_drop

    def check(self, curves, settings):
        if "diversity" not in curves:
            return None
        diversity = rolling_median(curves["diversity"])
        n = len(diversity)
        peak = float(np.nanmax(diversity[max(1, n // 10):])) if n > 1 else float("nan")
        low = diversity < self.drop * peak
        evidence = []
        real = median(curves["real_diversity"][np.isfinite(curves["real_diversity"])]) if "real_diversity" in curves else None
        spreading = n >= 6 and median(tail(diversity)) > self.spreading * median(diversity[n // 3: 2 * n // 3])
        if real is not None and not spreading:  # far below real data, after the first third (G untrained before)
            low |= (diversity < self.of_real * real) & (np.arange(n) >= n // 3)
        since = holds_from(curves, low)
        if since is not None:
            evidence.append(f"diversity of the fixed batch {fmt(diversity[-1])} at step {int(curves.steps[-1])}: "
                            f"{fmt(peak)} at its peak" + ("" if real is None else f", real data {fmt(real)}")
                            + f"; below since step {since}")
        if "sample_classes" in curves and not spreading:
            filled = rolling_median(curves["sample_classes"])
            share = rolling_median(curves["top_class_share"])
            most = float(np.nanmax(filled))
            class_low = (filled <= self.classes * most) | (share > self.top_share)
            class_since = holds_from(curves, class_low)
            if class_since is not None:
                evidence.append(f"the fixed batch fills {int(filled[-1])} classes ({int(most)} at most), the largest "
                                f"holding {fmt(share[-1] * 100)}% of it, since step {class_since}")
                since = class_since if since is None else min(since, class_since)
        if "jacobian_condition" in curves:
            c = curves["jacobian_condition"]
            finite = np.isfinite(c)
            values, steps = c[finite], curves.steps[finite]
            if len(values) >= 3:
                first = median(values[:2])
                grown = values[-1] > self.condition_growth * max(first, 1e-12)
                falling = diversity[-1] < self.early_drop * peak
                if grown and (falling or since is not None):
                    crossed = int(steps[np.argmax(values > np.sqrt(self.condition_growth) * first)])
                    evidence.append(f"G's Jacobian condition number grew from {fmt(first)} to {fmt(values[-1])} "
                                    f"(above {fmt(np.sqrt(self.condition_growth) * first)} from step {crossed}) while the "
                                    f"diversity fell to {fmt(100 * diversity[-1] / peak)}% of its peak")
                    since = crossed if since is None else min(since, crossed)
        if since is None:
            return None
        fixes = remedies(
            None if settings.has("regularizers", "r1") else "--set regularizers.r1.weight=10  (R1: a smoother D, Mescheder et al. 2018)",
            "--set discriminator.minibatch_stddev=true  (D sees the batch's spread, Karras et al. 2018, sec. 3)",
            settings.g_lr_times(0.5) and f"--set {settings.g_lr_times(0.5)}  (a slower G)",
            '--set replay_buffer={"size":4096,"fraction":0.5}  (D remembers past fakes, Shrivastava et al. 2017)',
        )
        return self.finding(curves, since, evidence, fixes, severity=3.0)
