"""What the networks of progressive growing share (Karras et al. 2018, sec. 3): the resolutions, the
stage that trains, one ``FadeIn`` whose alpha blends the newest block in, channel counts per resolution."""

import keras
from keras import ops

from keras_gans.layers import FadeIn
from keras_gans.models.growth_schedule import growth_resolutions


class StagedNetwork(keras.Model):
    """A network holding the blocks of every resolution from its construction on (so the weights, the
    optimizer slots and the checkpoints never change shape), of which the blocks up to ``stage`` run.

    ``stage`` is a Python int read when a step is traced: each stage's graph holds only its own blocks
    (one trace per stage, ``keras_gans.callbacks.GrowthCallback``); alpha is a weight, so the fade-in
    moves inside the traced step. Images enter and leave at the final resolution (lower stages are
    up-sampled by repetition and D averages them back down exactly), as in the paper's reference
    implementation: shapes are static over the whole schedule. Channels per resolution r:
    ``min(fmap_base // r, fmap_max)`` (the paper's 8192 / 512, scaled down by default)."""

    def __init__(self, resolution=32, start_resolution=4, fmap_base=2048, fmap_max=128, stage=0, dtype=None, **kwargs):
        super().__init__(dtype=dtype, **kwargs)
        self.resolution, self.start_resolution = int(resolution), int(start_resolution)
        self.fmap_base, self.fmap_max = int(fmap_base), int(fmap_max)
        self.resolutions = growth_resolutions(self.start_resolution, self.resolution)
        self.fade = FadeIn(1.0, dtype=dtype, name="fade")
        self.stage = 0
        self.set_stage(stage)

    def filters(self, resolution):
        return max(1, min(self.fmap_base // int(resolution), self.fmap_max))

    @property
    def alpha(self):
        """The fade-in weight of the current stage's new block (1: faded in)."""
        return self.fade.alpha

    def set_stage(self, stage):
        stage = int(stage)
        if not 0 <= stage < len(self.resolutions):
            raise ValueError(f"stage must be in 0..{len(self.resolutions) - 1} (resolutions {self.resolutions}), got {stage}.")
        self.stage = stage

    def scale_factor(self):
        """How much the current stage's images are up-sampled to the final resolution."""
        return self.resolution // self.resolutions[self.stage]

    @staticmethod
    def upscale(x, factor):
        return x if factor == 1 else ops.repeat(ops.repeat(x, factor, axis=1), factor, axis=2)

    @staticmethod
    def downscale(x, factor):
        return x if factor == 1 else ops.average_pool(x, factor, factor, padding="valid")

    def get_config(self):
        return {"name": self.name, "resolution": self.resolution, "start_resolution": self.start_resolution,
                "fmap_base": self.fmap_base, "fmap_max": self.fmap_max, "stage": self.stage,
                "dtype": keras.dtype_policies.serialize(self.dtype_policy)}
