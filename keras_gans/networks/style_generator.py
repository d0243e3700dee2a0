"""The style-based generator of StyleGAN2 (Karras et al. 2020, "Analyzing and Improving the Image Quality
of StyleGAN"), scaled down for small images.

Mapping network: z -> pixel norm -> ``mapping_layers`` (8) equalized dense layers with LeakyReLU(0.2) and a
learning-rate multiplier of 0.01 (StyleGAN, Karras et al. 2019, sec. 2 and App. C) -> w. Synthesis: a
learned 4x4 constant, then per resolution (bilinear 2x up-sampling above 4x4) modulated 3x3 convolutions
with weight demodulation (sec. 2.2), per-pixel noise with learned strength, a bias and LeakyReLU(0.2)
times sqrt(2); the "skip" output architecture (sec. 4.1, fig. 7b): every resolution adds its modulated
1x1 toRGB (not demodulated) to the up-sampled image so far. Up- and down-sampling use no FIR blur
filter (the scaled-down version).

Training (``training=True``): style mixing regularisation (StyleGAN sec. 3.1) with probability
``style_mixing`` per sample, where a second latent's w takes over from a uniformly drawn layer on; fresh
noise for every call; the average w is tracked (``w_avg``, an exponential average with ``w_avg_beta``
over the global batch). Sampling (``training=False``): fixed noise maps (the reference code's
``noise_mode="const"``), so an image is a function of z alone; ``truncation=psi`` moves every w towards
the average, w' = w_avg + psi (w - w_avg) (StyleGAN sec. 3 / App. B, the truncation trick).
Random draws are made for the global batch and sliced per replica (``keras_gans.distribute``).

``conditioning="embed"`` with ``num_classes`` (StyleGAN2-ADA's conditional mapping, Karras et al. 2020b,
App. B): a learned class embedding (``w_dim`` wide) and z are each normalised to unit second moment and
joined at the mapping network's input; the generator then takes ``[z, labels]`` (style mixing draws the
second latent for the same labels).
"""

import math

import keras
from keras import ops

from keras_gans.distribute import cross_replica_sum, global_normal, global_uniform, num_replicas
from keras_gans.layers import EqualizedDense, ModulatedConv2D, NoiseInjection, PixelNormalization
from keras_gans.networks.generator_shapes import GeneratorShapes
from keras_gans.networks.registry import GENERATORS


class _StyleConv(keras.layers.Layer):
    """Modulated conv -> noise -> bias -> LeakyReLU(0.2) * sqrt(2) (or, for toRGB, modulated conv -> bias)."""

    def __init__(self, filters, kernel_size, resolution, to_rgb=False, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.to_rgb, self.resolution = to_rgb, int(resolution)
        self.conv = ModulatedConv2D(filters, kernel_size, demodulate=not to_rgb, dtype=self.dtype_policy, name="conv")
        self.noise = None if to_rgb else NoiseInjection(seed=seed, dtype=self.dtype_policy, name="noise")
        self.filters, self.seed = int(filters), seed

    def build(self, input_shape):
        x_shape, w_shape = input_shape
        self.conv.build([x_shape, w_shape])
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias")
        if self.noise is not None:
            self.noise.build(x_shape[:-1] + (self.filters,))
            r = self.resolution
            self.const_noise = self.add_weight(shape=(1, r, r, 1), initializer=keras.initializers.RandomNormal(seed=self.seed),
                                               trainable=False, name="const_noise")

    def call(self, inputs, training=None):
        x, w = inputs
        y = self.conv([x, w])
        if self.noise is not None:
            y = self.noise(y) if training else self.noise([y, ops.cast(self.const_noise, y.dtype)])
        y = y + ops.cast(self.bias, y.dtype)
        return y if self.to_rgb else ops.leaky_relu(y, 0.2) * math.sqrt(2.0)


@keras.saving.register_keras_serializable(package="keras_gans")
class StyleGenerator(GeneratorShapes, keras.Model):
    """``G(z, training=None, truncation=None)``: see the module docstring. ``mapping(z) -> w``,
    ``synthesis(ws) -> images`` (ws: [N, num_ws, w_dim], one w per layer) and ``mix_styles`` are public
    for the regularisers and tests. Channels per resolution r: ``min(fmap_base // r, fmap_max)``.

    Args:
        latent_dim: the size of z.
        w_dim: the size of w.
        resolution: the output resolution.
        channels: image channels.
        fmap_base: channels at resolution r: min(fmap_base / r, fmap_max).
        fmap_max: the channel cap.
        mapping_layers: layers of the mapping network.
        mapping_lr_multiplier: the mapping network's learning-rate multiplier.
        style_mixing: the probability of mixing two styles in training.
        w_avg_beta: the decay of the tracked average w.
        seed: seed of the noise and the mixing draws.
        conditioning: ``"embed"`` (with ``num_classes``): the class embedding joined to z at the mapping's input;
            the generator then takes ``[z, labels]``. ``None``: unconditional.
        num_classes: the classes of a conditional generator.
        dtype: the dtype policy (``None``: the global one).
        **kwargs: ``keras.Model``'s parameters.

    Returns:
        images ``[N, resolution, resolution, channels]``; ``truncation=psi`` pulls w towards its average.

    Example:
        >>> g = StyleGenerator(latent_dim=128, resolution=32)
        >>> images = g(z, truncation=0.7)
    """

    def __init__(self, latent_dim=128, w_dim=128, resolution=32, channels=1, fmap_base=2048, fmap_max=128,
                 mapping_layers=8, mapping_lr_multiplier=0.01, style_mixing=0.9, w_avg_beta=0.995, seed=None,
                 conditioning=None, num_classes=None, dtype=None, **kwargs):
        super().__init__(dtype=dtype, **kwargs)
        from keras_gans.networks.conditioning import check_conditioning

        self.conditioning = check_conditioning(conditioning, ("none", "embed"), "generator", num_classes)
        self.num_classes = int(num_classes) if self.conditioning == "embed" else None
        self.latent_dim, self.w_dim, self.resolution, self.channels = int(latent_dim), int(w_dim), int(resolution), int(channels)
        self.fmap_base, self.fmap_max, self.mapping_layers = int(fmap_base), int(fmap_max), int(mapping_layers)
        self.mapping_lr_multiplier, self.style_mixing, self.w_avg_beta = float(mapping_lr_multiplier), float(style_mixing), float(w_avg_beta)
        self.seed = seed
        if resolution < 4 or resolution & (resolution - 1):
            raise ValueError(f"the style generator doubles from 4x4: resolution must be 4, 8, 16, 32, 64, ..., got {resolution}.")
        if not 0.0 <= self.style_mixing <= 1.0:
            raise ValueError(f"style_mixing is a probability in [0, 1] (0.9 in the paper), got {style_mixing}.")
        d = {"dtype": dtype}
        self.class_embedding = None
        if self.num_classes:
            self.class_embedding = keras.layers.Embedding(self.num_classes, self.w_dim, name="class_embedding", **d)
            self.embedding_norm = PixelNormalization(name="class_pn", **d)
        self.mapping = keras.Sequential(
            [PixelNormalization(name="z_pn", **d)]
            + [EqualizedDense(self.w_dim, lr_multiplier=self.mapping_lr_multiplier, activation="leaky_relu", name=f"fc{i}", **d)
               for i in range(self.mapping_layers)], name="mapping")
        self.resolutions = [4 * 2**k for k in range(int(math.log2(resolution // 4)) + 1)]
        seeds = iter(range(1000)) if seed is None else iter(range(seed * 1000, seed * 1000 + 1000))
        self.convs, self.to_rgbs = [], []
        for r in self.resolutions:
            n = self.filters(r)
            self.convs.append([_StyleConv(n, 3, r, seed=next(seeds), name=f"conv{r}_{i}", **d) for i in range(1 if r == 4 else 2)])
            self.to_rgbs.append(_StyleConv(self.channels, 1, r, to_rgb=True, name=f"to_rgb{r}", **d))
        self.num_ws = sum(len(c) for c in self.convs) + 1  # a toRGB shares its w with the next block's first conv
        self.seed_generator = keras.random.SeedGenerator(seed)
        self._build_all()

    def filters(self, resolution):
        return max(1, min(self.fmap_base // int(resolution), self.fmap_max))

    def _build_all(self):
        n0 = self.filters(4)
        self.const = self.add_weight(shape=(4, 4, n0), initializer=keras.initializers.RandomNormal(1.0), name="const")
        self.w_avg = self.add_weight(shape=(self.w_dim,), initializer="zeros", trainable=False, name="w_avg",
                                     aggregation="only_first_replica")
        self.mapping.build((None, self.latent_dim + (self.w_dim if self.num_classes else 0)))
        if self.num_classes:
            self.class_embedding.build((None,))
        c = n0
        for r, convs, to_rgb in zip(self.resolutions, self.convs, self.to_rgbs):
            for conv in convs:
                conv.build([(None, r, r, c), (None, self.w_dim)])
                c = conv.filters
            to_rgb.build([(None, r, r, c), (None, self.w_dim)])
        self.built = True

    # ----------------------------------------------------------------- the two networks
    def synthesis(self, ws, training=None):
        """Images from one w per layer, ``ws`` [N, num_ws, w_dim]."""
        n = ops.shape(ws)[0]
        x = ops.broadcast_to(ops.cast(self.const, self.compute_dtype)[None], (n, *self.const.shape))
        ws = ops.cast(ws, self.compute_dtype)
        image, k = None, 0
        for r, convs, to_rgb in zip(self.resolutions, self.convs, self.to_rgbs):
            if r > 4:
                x = _up(x)
            for conv in convs:
                x = conv([x, ws[:, k]], training=training)
                k += 1
            y = to_rgb([x, ws[:, k]], training=training)
            image = y if image is None else _up(image) + y
        return image

    def mix_styles(self, w, w2, mix, cutoff):
        """Per sample i: layers ``< cutoff[i]`` get ``w[i]``, the others ``w2[i]`` where ``mix[i]``; all
        ``w[i]`` otherwise. ``cutoff`` in 1..num_ws - 1."""
        layer = ops.arange(self.num_ws)[None, :, None]
        cut = ops.where(mix, cutoff, self.num_ws)[:, None, None]
        return ops.where(layer < ops.cast(cut, layer.dtype), w[:, None], w2[:, None])

    @property
    def input_shape(self):
        return [(None, self.latent_dim), (None,)] if self.num_classes else (None, self.latent_dim)

    def map(self, z, labels=None):
        """w of latents ``z`` (and, conditioned, their ``labels``): the mapping network."""
        if labels is None:
            return self.mapping(z)
        pn = self.mapping.layers[0]  # z's own normalisation, then the embedding's; joined
        joined = ops.concatenate([pn(z), self.embedding_norm(self.class_embedding(labels))], axis=-1)
        return _apply(self.mapping.layers[1:], joined)

    def call(self, inputs, training=None, truncation=None):
        z, labels = (inputs[0], inputs[1]) if self.num_classes else (inputs, None)
        w = self.map(z, labels)
        if training:
            self._track_w_avg(w)
        ws = ops.repeat(w[:, None], self.num_ws, axis=1)
        if training and self.style_mixing > 0.0:
            n = ops.shape(z)[0]
            w2 = self.map(global_normal(ops.shape(z), self.seed_generator), labels)
            mix = global_uniform((n,), self.seed_generator) < self.style_mixing
            cutoff = 1 + ops.cast(ops.floor(global_uniform((n,), self.seed_generator) * (self.num_ws - 1)), "int32")
            ws = self.mix_styles(w, w2, mix, cutoff)
        if truncation is not None:
            avg = ops.cast(self.w_avg, ws.dtype)
            psi = ops.reshape(ops.cast(truncation, ws.dtype), (-1, 1, 1))
            ws = avg + psi * (ws - avg)
        return self.synthesis(ws, training=training)

    def _track_w_avg(self, w):
        """w_avg <- lerp(mean of w over the global batch, w_avg, beta), the same on every replica."""
        total = cross_replica_sum(ops.sum(ops.cast(w, "float32"), axis=0))
        mean = total / ops.cast(ops.shape(w)[0] * num_replicas(), "float32")
        self.w_avg.assign(mean + self.w_avg_beta * (self.w_avg - mean))

    def get_config(self):
        return {"name": self.name, "latent_dim": self.latent_dim, "w_dim": self.w_dim, "resolution": self.resolution,
                "channels": self.channels, "fmap_base": self.fmap_base, "fmap_max": self.fmap_max,
                "mapping_layers": self.mapping_layers, "mapping_lr_multiplier": self.mapping_lr_multiplier,
                "style_mixing": self.style_mixing, "w_avg_beta": self.w_avg_beta, "seed": self.seed,
                "conditioning": self.conditioning, "num_classes": self.num_classes,
                "dtype": keras.dtype_policies.serialize(self.dtype_policy)}


def _apply(layers, x):
    for layer in layers:
        x = layer(x)
    return x


def _up(x):
    n, h, w, c = x.shape
    return ops.image.resize(x, (2 * h, 2 * w), interpolation="bilinear")


GENERATORS.register("style", StyleGenerator)
