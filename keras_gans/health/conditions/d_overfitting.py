import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, holds_from, median, part, register_condition, remedies, rolling_median


@register_condition("d_overfitting")
class DOverfitting(Condition):
    """D memorises the training set (Karras et al. 2020a, sec. 2: the overfitting heuristic
    r_t = E[sign(D(x_real))], 0 without overfitting, 1 with complete overfitting): r_t above ``r_t`` for the
    last rows after it was below ``early`` at first, or D's logits on held-out real images falling ``parting``
    times their spread below those on training images (where the log has a held-out batch)."""

    title = "the discriminator overfits the training set"

    def __init__(self, r_t=0.9, early=0.6, parting=1.0):
        self.r_t, self.early, self.parting = r_t, early, parting

    def check(self, curves, settings):
        evidence, since = [], None
        if "r_t" in curves:
            r = rolling_median(curves["r_t"])
            first = median(part(curves, "r_t", 0, 0.2))
            since = holds_from(curves, r > self.r_t)
            if since is not None and first < self.early:
                evidence.append(f"r_t {fmt(first)} in the first rows, {fmt(r[-1])} from step {since} on")
            else:
                since = None
        if "held_out_logit" in curves and "real_logit_std" in curves:
            parted = (curves["train_logit"] - curves["held_out_logit"]) / np.maximum(curves["real_logit_std"], 1e-6)
            held = holds_from(curves, rolling_median(parted) > self.parting)
            if held is not None:
                evidence.append(f"D's logits on held-out real images {fmt(median(parted[-3:]))} spreads below those on "
                                f"training images from step {held}")
                since = held if since is None else min(since, held)
        if since is None:
            return None
        fixes = remedies(
            None if settings.has("d_input_transforms", "adaptive_augment") else
            "--set d_input_transforms.adaptive_augment.target=0.6  (ADA: augmentation tuned by r_t, Karras et al. 2020a)",
            None if settings.has("d_input_transforms", "diff_augment") else
            "--set d_input_transforms.diff_augment.policy=color,translation,cutout  (DiffAugment, Zhao et al. 2020)",
            None if settings.has("regularizers", "r1") else "--set regularizers.r1.weight=10  (R1)",
            settings.d_lr_times(0.5) and f"--set {settings.d_lr_times(0.5)}  (a slower D)",
        )
        return self.finding(curves, since, evidence, fixes, severity=2.5)
