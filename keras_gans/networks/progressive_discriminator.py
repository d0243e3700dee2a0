"""The discriminator of progressive growing (Karras et al. 2018, Table 2): a 1x1 "fromRGB" per
resolution, per resolution two 3x3 convs and 2x2 average pooling, and at 4x4 minibatch standard
deviation (sec. 3), a 3x3 conv, a 4x4 conv and a linear output; LeakyReLU(0.2), equalized learning
rate, no normalisation. While a stage fades in, its first block's output blends with the previous
stage's fromRGB of the half-size image: ``alpha * new + (1 - alpha) * old`` (fig. 2)."""

import keras

from keras_gans.layers import EqualizedConv2D, EqualizedDense, MinibatchStdDev
from keras_gans.networks.registry import DISCRIMINATORS
from keras_gans.networks.staged_network import StagedNetwork


@keras.saving.register_keras_serializable(package="keras_gans")
class ProgressiveDiscriminator(StagedNetwork):
    """``D(x)`` of images at the final resolution, averaged down to the current stage's; see
    ``StagedNetwork``. ``group_size``: the minibatch std-dev groups.

    Args:
        channels: channels of the images it judges.
        group_size: the group of its minibatch std-dev layer (consecutive samples).
        resolution: the size of the images it takes at every stage.
        start_resolution: the resolution of its first stage (its last block).
        fmap_base: with ``fmap_max``, its channels at resolution r: min(fmap_base / r, fmap_max).
        fmap_max: the most channels of any of its blocks.
        stage: the stage it is built at (``GrowthCallback`` moves it).
        dtype: the dtype policy (``None``: the global one).
        **kwargs: ``keras.Model``'s parameters.

    Returns:
        logits ``[N, 1]`` of images at the final size.

    Example:
        >>> d = ProgressiveDiscriminator(channels=1, resolution=32)
    """

    def __init__(self, channels=1, group_size=4, resolution=32, start_resolution=4, fmap_base=2048, fmap_max=128,
                 stage=0, dtype=None, **kwargs):
        super().__init__(resolution, start_resolution, fmap_base, fmap_max, stage, dtype, **kwargs)
        self.channels, self.group_size = int(channels), int(group_size)
        d = {"dtype": dtype}
        r0, n0 = self.resolutions[0], self.filters(self.resolutions[0])

        def lrelu(name):
            return keras.layers.LeakyReLU(0.2, name=f"{name}_lrelu", **d)

        self.from_rgb = [keras.Sequential([EqualizedConv2D(self.filters(r), 1, name=f"from_rgb_{r}", **d),
                                           lrelu(f"from_rgb_{r}")], name=f"from_rgb_{r}") for r in self.resolutions]
        self.blocks = [
            keras.Sequential([EqualizedConv2D(self.filters(r), 3, name=f"conv{r}_a", **d), lrelu(f"conv{r}_a"),
                              EqualizedConv2D(self.filters(r // 2), 3, name=f"conv{r}_b", **d), lrelu(f"conv{r}_b"),
                              keras.layers.AveragePooling2D(2, name=f"pool{r}", **d)], name=f"block_{r}")
            for r in self.resolutions[1:]
        ]
        self.tail = keras.Sequential(
            [MinibatchStdDev(self.group_size, name="minibatch_stddev", **d),
             EqualizedConv2D(n0, 3, name=f"conv{r0}", **d), lrelu(f"conv{r0}"),
             EqualizedConv2D(n0, r0, padding="valid", name=f"conv{r0}_valid", **d), lrelu(f"conv{r0}_valid"),
             keras.layers.Flatten(**d), EqualizedDense(1, gain=1.0, name="logit", **d)], name=f"block_{r0}")
        self._build_every_block()

    def _build_every_block(self):
        from keras import ops

        x = ops.zeros((1, self.resolution, self.resolution, self.channels))
        for r, from_rgb in zip(self.resolutions, self.from_rgb):
            from_rgb(self.downscale(x, self.resolution // r))
        h = self.from_rgb[-1](x)
        for block in reversed(self.blocks):
            h = block(h)
        self.tail(h)
        self.fade([h, h])
        self.built = True

    def call(self, x, training=None):
        stage = self.stage
        x = self.downscale(x, self.scale_factor())
        h = self.from_rgb[stage](x)
        if stage > 0:
            h = self.blocks[stage - 1](h)
            old = self.from_rgb[stage - 1](self.downscale(x, 2))
            h = self.fade([old, h])
            for block in reversed(self.blocks[: stage - 1]):
                h = block(h)
        return self.tail(h)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 1)

    @property
    def input_shape(self):
        return (None, self.resolution, self.resolution, self.channels)

    @property
    def output_shape(self):
        return (None, 1)

    def get_config(self):
        return {**super().get_config(), "channels": self.channels, "group_size": self.group_size}


DISCRIMINATORS.register("progressive", ProgressiveDiscriminator)
