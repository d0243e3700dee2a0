"""The schedule of progressive growing (Karras et al. 2018, sec. 3 and App. A.1), as data.

Resolutions ``start, 2 start, ..., final``; the first stage trains ``stable_images`` images, every later
one first fades its new block in over ``fade_images`` images (alpha 0 -> 1, linear in images shown) and
then trains it stable for ``stable_images``; the last stage's stable phase lasts until training ends.
``batch_sizes`` gives the global batch per resolution (smaller at the high resolutions, as in the paper's
App. A.1); each stage trains on the first ``batch_sizes[r]`` images of the data's batches, so the data
stream is one and the same for the whole run (and for a resume).

Phases are counted in training steps (images / batch, rounded up), which makes the stage a function of
the step counter alone: a checkpoint holds the whole growth state.
"""

import json
import math
import zlib

from keras_gans.checks import ConfigError, as_int


def growth_resolutions(start, final):
    """``[start, 2 start, ..., final]``; a clear error naming the reachable resolutions otherwise."""
    start, final = int(start), int(final)
    if start < 1 or start & (start - 1):
        raise ConfigError(f"model.growth.start_resolution must be a power of 2 (4 in the paper), got {start}.")
    out = [start]
    while out[-1] < final:
        out.append(out[-1] * 2)
    if out[-1] != final:
        valid = [start * 2 ** k for k in range(8)]
        raise ConfigError(
            f"progressive growing doubles the resolution from {start}, so it reaches {', '.join(map(str, valid))}, ...; "
            f"the data's resolution {final} is not one of them. Give resolution={out[-1]} (pad the images, e.g. "
            f"--set dataset.resize=pad for 28x28 MNIST -> 32x32) or resolution={out[-2] if len(out) > 1 else start}."
        )
    return out


class GrowthSchedule:
    """Stage and fade-in alpha of every training step, from ``{"fade_images", "stable_images",
    "batch_sizes": {resolution: global batch}}`` and the resolutions of the networks."""

    def __init__(self, resolutions, fade_images, stable_images, batch_sizes):
        self.resolutions = [int(r) for r in resolutions]
        self.fade_images = as_int(fade_images, "model.growth.fade_images", 1)
        self.stable_images = as_int(stable_images, "model.growth.stable_images", 1)
        sizes = {int(k): v for k, v in dict(batch_sizes).items()}
        missing = [r for r in self.resolutions if r not in sizes]
        if missing:
            raise ConfigError(f"model.growth.batch_sizes needs a batch size for every resolution "
                              f"{self.resolutions}; missing {missing}.")
        self.batch_sizes = [as_int(sizes[r], f"model.growth.batch_sizes.{r}", 1) for r in self.resolutions]
        self.fade_steps, self.stable_steps, self.starts = [], [], []
        step = 0
        for stage, batch in enumerate(self.batch_sizes):
            self.starts.append(step)
            self.fade_steps.append(0 if stage == 0 else math.ceil(self.fade_images / batch))
            self.stable_steps.append(math.ceil(self.stable_images / batch))
            step += self.fade_steps[-1] + self.stable_steps[-1]
        self.total_steps = step  # where the last stage's first stable phase ends

    @property
    def num_stages(self):
        return len(self.resolutions)

    def stage_at(self, step):
        """The stage (index into ``resolutions``) that trains step ``step`` (0-based)."""
        stage = 0
        for s, start in enumerate(self.starts):
            if step >= start:
                stage = s
        return stage

    def next_boundary(self, step):
        """The first step of the stage after the one at ``step``; None in the last stage."""
        later = [start for start in self.starts if start > step]
        return later[0] if later else None

    def alpha_at(self, step, stage):
        """Fade-in alpha of ``stage`` at step ``step`` (a number or a tensor): 0 at the stage's first step,
        linear in images shown, 1 from the end of the fade-in on (and always 1 in stage 0)."""
        if self.fade_steps[stage] == 0:
            return 1.0 + 0.0 * step
        t = (step - self.starts[stage]) / self.fade_steps[stage]
        return min(max(t, 0.0), 1.0) if isinstance(t, (int, float)) else _clip01(t)

    def phase(self, step):
        """``(resolution, "fade-in" | "stable", alpha)`` at ``step``, for captions and logs."""
        stage = self.stage_at(step)
        alpha = self.alpha_at(step, stage)
        return self.resolutions[stage], ("fade-in" if alpha < 1.0 else "stable"), alpha

    def config(self):
        return {"fade_images": self.fade_images, "stable_images": self.stable_images,
                "batch_sizes": {str(r): b for r, b in zip(self.resolutions, self.batch_sizes)}}

    def fingerprint(self):
        """A number that changes when the schedule does (kept in checkpoints; exact in float32)."""
        text = json.dumps({"resolutions": self.resolutions, **self.config()}, sort_keys=True)
        return float(zlib.crc32(text.encode()) % (1 << 24))

    def describe(self):
        parts = [f"{r}px from step {s}" + (f" (fade-in {f} steps)" if f else "")
                 for r, s, f in zip(self.resolutions, self.starts, self.fade_steps)]
        return "; ".join(parts)


def _clip01(t):
    import tensorflow as tf

    return tf.clip_by_value(t, 0.0, 1.0)
