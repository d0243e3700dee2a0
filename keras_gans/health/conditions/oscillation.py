import numpy as np

from keras_gans.health.conditions.base import Condition, fmt, median, register_condition, remedies, rolling_median, tail


@register_condition("oscillation")
class Oscillation(Condition):
    """The players circle instead of converging (Mescheder et al. 2018, sec. 2: the eigenvalues of the game's
    Jacobian near the imaginary axis): over the second half of the run D's loss crosses its median at least
    ``crossings`` times with a swing (interquartile range of the smoothed curve) of more than ``swing`` of its
    level, and the run makes no progress: the diversity of the fixed batch and the evaluations (where the run
    made them) improve by less than ``progress``. Or G's samples cycle (mode hopping, Goodfellow 2016, sec.
    5.1.1: G moves from mode to mode as D catches up): over the second half the diversity of the fixed batch
    falls below ``1 - depth`` of its running peak and climbs back to ``recover`` of it at least ``cycles``
    times, and its last fifth breaks no new ground (not above ``1 + progress`` times every earlier value)."""

    title = "oscillation without progress"

    def __init__(self, crossings=4, swing=0.5, progress=0.1, depth=0.4, recover=0.8, cycles=2):
        self.crossings, self.swing, self.progress = crossings, swing, progress
        self.depth, self.recover, self.cycles = depth, recover, cycles

    def check(self, curves, settings):
        if len(curves) < 8:
            return None
        return self._cycling(curves, settings) or self._swinging(curves, settings)

    def _cycling(self, curves, settings):
        """G's samples collapse and recover, again and again, without new ground."""
        if "diversity" not in curves:
            return None
        v = rolling_median(curves["diversity"])
        n, half = len(v), len(v) // 2
        peak, low, count, first = -np.inf, None, 0, None
        for i in range(n):
            if not np.isfinite(v[i]):
                continue
            if low is not None and v[i] >= self.recover * peak:
                if i >= half:
                    count, first = count + 1, first if first is not None else low
                low = None
            peak = max(peak, v[i])
            if low is None and v[i] < (1 - self.depth) * peak:
                low = i
        last = tail(v)
        before = v[: n - len(last)]
        if count < self.cycles or median(last) > (1 + self.progress) * float(np.nanmax(before)):
            return None
        evidence = [f"the diversity of the fixed batch fell below {fmt(100 * (1 - self.depth))}% of its peak and "
                    f"recovered {count} times over the second half (from step {int(curves.steps[first])}); "
                    f"{fmt(median(last))} in the last rows against {fmt(float(np.nanmax(before)))} earlier"]
        if "sample_classes" in curves:
            c = curves["sample_classes"][half:]
            evidence.append(f"classes filled by the fixed batch over the second half: between {fmt(np.nanmin(c))} "
                            f"and {fmt(np.nanmax(c))}")
        return self.finding(curves, curves.steps[first], evidence, self._fixes(settings), severity=2.2)

    def _swinging(self, curves, settings):
        """D's loss swings around its median and nothing improves."""
        if "d_loss" not in curves:
            return None
        half = len(curves) // 2
        d = rolling_median(curves["d_loss"])[half:]
        d = d[np.isfinite(d)]
        level = median(np.abs(d))
        q75, q25 = np.percentile(d, [75, 25]) if len(d) else (0.0, 0.0)
        above = d > np.median(d)
        crossings = int(np.sum(above[1:] != above[:-1]))
        if crossings < self.crossings or (q75 - q25) < self.swing * max(level, 1e-6):
            return None
        evidence = [f"D's loss swings between {fmt(q25)} and {fmt(q75)} (quartiles of the second half), crossing its "
                    f"median {crossings} times"]
        if "diversity" in curves:
            v = curves["diversity"][np.isfinite(curves["diversity"])]
            if len(v) >= 4 and median(tail(v)) > (1 + self.progress) * median(v[len(v) // 3: len(v) // 2 + 1]):
                return None  # the samples still spread out: progress
        for name, (steps, values) in curves.metrics.items():
            if name in ("fid", "kid") and np.isfinite(values).sum() >= 2:
                ok = values[np.isfinite(values)]
                if ok[-1] < (1 - self.progress) * ok[len(ok) // 2 - 1 if len(ok) > 2 else 0]:
                    return None  # the evaluations still improve
                evidence.append(f"{name} {fmt(ok[len(ok) // 2 - 1 if len(ok) > 2 else 0])} -> {fmt(ok[-1])} over the second half")
        return self.finding(curves, curves.steps[half], evidence, self._fixes(settings), severity=1.5)

    def _fixes(self, settings):
        return remedies(
            settings.d_lr_times(0.25) and settings.g_lr_times(0.25) and
            f"--set {settings.d_lr_times(0.25)} --set {settings.g_lr_times(0.25)}  (smaller steps)",
            "--set optimizers.g.beta_1=0.5 --set optimizers.d.beta_1=0.5  (less momentum, Radford et al. 2016)",
            "--set model.update_rule=extragradient  (extrapolation damps the rotation, Gidel et al. 2019)",
            None if settings.has("regularizers", "r1") else "--set regularizers.r1.weight=10  (R1 makes the game converge locally)",
        )
