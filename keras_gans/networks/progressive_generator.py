"""The generator of progressive growing (Karras et al. 2018, "Progressive Growing of GANs", Table 2 and
sec. 4): latent -> pixel norm -> 4x4 (a dense layer and a 3x3 conv), then per resolution nearest 2x
up-sampling and two 3x3 convs, each followed by LeakyReLU(0.2) and pixel normalisation (sec. 4.2);
equalized learning rate everywhere (sec. 4.1); a linear 1x1 "toRGB" per resolution. While a stage fades
in, its output blends with the previous stage's up-sampled one: ``alpha * new + (1 - alpha) * old``
(sec. 3, fig. 2)."""

import math

import keras
from keras import ops

from keras_gans.layers import EqualizedConv2D, EqualizedDense, PixelNormalization
from keras_gans.networks.generator_shapes import GeneratorShapes
from keras_gans.networks.registry import GENERATORS
from keras_gans.networks.staged_network import StagedNetwork


@keras.saving.register_keras_serializable(package="keras_gans")
class ProgressiveGenerator(GeneratorShapes, StagedNetwork):
    """``G(z)`` at the final resolution for every stage (images of a lower stage are up-sampled, so
    an export of a generator stopped early serves the final size); see ``StagedNetwork``.

    Args:
        latent_dim: the latent size.
        channels: image channels.
        resolution: the final resolution.
        start_resolution: the first stage's resolution.
        fmap_base: channels at resolution r: min(fmap_base / r, fmap_max).
        fmap_max: the channel cap.
        stage: the stage it starts at.
        dtype: the dtype policy (``None``: the global one).
        **kwargs: ``keras.Model``'s parameters.

    Returns:
        images ``[N, resolution, resolution, channels]`` in [-1, 1].

    Example:
        >>> g = ProgressiveGenerator(latent_dim=128, resolution=32)
    """

    def __init__(self, latent_dim=128, channels=1, resolution=32, start_resolution=4, fmap_base=2048, fmap_max=128,
                 stage=0, dtype=None, **kwargs):
        super().__init__(resolution, start_resolution, fmap_base, fmap_max, stage, dtype, **kwargs)
        self.latent_dim, self.channels = int(latent_dim), int(channels)
        d = {"dtype": dtype}
        r0, n0 = self.resolutions[0], self.filters(self.resolutions[0])

        def conv(filters, kernel, name):
            return EqualizedConv2D(filters, kernel, name=name, **d)

        def act_norm(name):
            return [keras.layers.LeakyReLU(0.2, name=f"{name}_lrelu", **d), PixelNormalization(name=f"{name}_pn", **d)]

        self.head = keras.Sequential(
            [PixelNormalization(name="latent_pn", **d),
             EqualizedDense(r0 * r0 * n0, gain=math.sqrt(2.0) / 4, name="dense", **d),  # the paper's 4x4 "conv" on 1x1
             keras.layers.Reshape((r0, r0, n0), **d), *act_norm("dense"),
             conv(n0, 3, f"conv{r0}"), *act_norm(f"conv{r0}")], name=f"block_{r0}")
        self.blocks = [
            keras.Sequential([keras.layers.UpSampling2D(2, name=f"up{r}", **d),
                              conv(self.filters(r), 3, f"conv{r}_a"), *act_norm(f"conv{r}_a"),
                              conv(self.filters(r), 3, f"conv{r}_b"), *act_norm(f"conv{r}_b")], name=f"block_{r}")
            for r in self.resolutions[1:]
        ]
        self.to_rgb = [EqualizedConv2D(self.channels, 1, gain=1.0, name=f"to_rgb_{r}", **d) for r in self.resolutions]
        self._build_every_block()

    def _build_every_block(self):
        """Create the weights of all resolutions now, so they exist (and stay) from the first stage on."""
        x = self.head(ops.zeros((1, self.latent_dim)))
        self.to_rgb[0](x)
        for block, to_rgb in zip(self.blocks, self.to_rgb[1:]):
            x = block(x)
            to_rgb(x)
        self.fade([x[..., :1], x[..., :1]])
        self.built = True

    def call(self, z, training=None):
        x = prev = self.head(z)
        for block in self.blocks[: self.stage]:
            prev, x = x, block(x)
        image = self.to_rgb[self.stage](x)
        if self.stage > 0:
            old = self.upscale(self.to_rgb[self.stage - 1](prev), 2)
            image = self.fade([old, image])
        return self.upscale(image, self.scale_factor())

    def get_config(self):
        return {**super().get_config(), "latent_dim": self.latent_dim, "channels": self.channels}


GENERATORS.register("progressive", ProgressiveGenerator)
