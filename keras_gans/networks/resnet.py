"""ResNet generator and discriminator of SNGAN (Miyato et al. 2018, Appendix B.4, Table 4: the CIFAR-10
networks) with the options SAGAN adds (Zhang et al. 2019: spectral norm in G too, self-attention).

Generator: z -> dense 4x4xC -> n residual up-blocks (BN, ReLU, nearest 2x upsampling, 3x3 conv, BN, ReLU,
3x3 conv; shortcut: upsampling + 1x1 conv) -> BN, ReLU, 3x3 conv, tanh. Discriminator: an "optimized"
first down-block (3x3 conv, ReLU, 3x3 conv, 2x2 average pooling; shortcut: pooling + 1x1 conv), a
second down-block (pre-activation), two blocks at constant resolution, ReLU, global sum pooling, dense 1.
``spectral_norm`` wraps every convolution and dense layer; ``attention_resolution`` inserts
``SelfAttention`` after the generator block producing that resolution and after the first
discriminator block at or below it. Options (``keras_gans.networks.options``): G's ``norm`` (batch, layer,
group, none; virtual batch norm is a DCGAN-generator option), D's ``minibatch_stddev`` and
``minibatch_discrimination`` before the pooling / logit; ``conditioning`` with ``num_classes``
(``keras_gans.networks.conditioning``): G ``embed`` or ``cbn`` (every BN of the residual blocks, SNGAN's
conditional generator), D ``projection`` on the pooled features (Miyato & Koyama 2018).
"""

import keras

from keras_gans.layers import GlobalSumPooling2D, MinibatchDiscrimination, MinibatchStdDev, SelfAttention, SpectralNormalization
from keras_gans.networks import conditioning as cond
from keras_gans.networks.dcgan import _num_resamplings
from keras_gans.networks.options import check_norm, normalization, option_value
from keras_gans.networks.registry import DISCRIMINATORS, GENERATORS


class _Builder:
    def __init__(self, spectral_norm, dtype, norm="batch", labels=None, num_classes=None):
        self.sn, self.dtype, self.count, self.norm = spectral_norm, dtype, 0, norm
        self.labels, self.num_classes = labels, num_classes  # labels: every batch norm is class-conditional (cbn)

    def _wrap(self, layer):
        self.count += 1
        return SpectralNormalization(layer, dtype=self.dtype, name=f"sn_{layer.name}") if self.sn else layer

    def conv(self, filters, kernel=3):
        init = keras.initializers.GlorotUniform()
        return self._wrap(keras.layers.Conv2D(filters, kernel, padding="same", kernel_initializer=init, dtype=self.dtype,
                                              name=f"conv{kernel}_{self.count}"))

    def dense(self, units, dtype=None):
        return self._wrap(keras.layers.Dense(units, kernel_initializer=keras.initializers.GlorotUniform(),
                                             dtype=dtype or self.dtype, name=f"dense_{self.count}"))

    def bn(self, x):
        self.count += 1
        if self.labels is not None:
            return cond.conditional_norm(x, self.labels, self.num_classes, self.dtype, f"cbn_{self.count}")
        layer = normalization(self.norm, self.dtype, f"bn_{self.count}" if self.norm == "batch" else f"{self.norm}_norm_{self.count}", channels=x.shape[-1])
        return x if layer is None else layer(x)

    def relu(self):
        return keras.layers.ReLU(dtype=self.dtype)

    def up(self):
        return keras.layers.UpSampling2D(2, dtype=self.dtype)

    def pool(self):
        return keras.layers.AveragePooling2D(2, dtype=self.dtype)

    def add(self, a, b):
        return keras.layers.Add(dtype=self.dtype)([a, b])


def _up_block(b, x, filters):
    h = b.conv(filters)(b.up()(b.relu()(b.bn(x))))
    h = b.conv(filters)(b.relu()(b.bn(h)))
    return b.add(h, b.conv(filters, 1)(b.up()(x)))


def _down_block(b, x, filters, downsample, first=False):
    h = x if first else b.relu()(x)
    h = b.conv(filters)(b.relu()(b.conv(filters)(h)))
    if downsample:
        h = b.pool()(h)
    if first:
        shortcut = b.conv(filters, 1)(b.pool()(x))
    elif downsample or x.shape[-1] != filters:
        shortcut = b.conv(filters, 1)(x)
        shortcut = b.pool()(shortcut) if downsample else shortcut
    else:
        shortcut = x
    return b.add(h, shortcut)


def resnet_generator(latent_dim=128, resolution=32, channels=3, base_filters=256, spectral_norm=False,
                     attention_resolution=None, norm="batch", conditioning=None, num_classes=None, dtype=None,
                     name="generator", **_):
    n = _num_resamplings(resolution, 4)
    start = resolution // 2**n
    norm = check_norm(norm, ("batch", "layer", "group", "none"), "generator.norm")
    conditioning = cond.check_conditioning(conditioning, cond.GENERATOR_CONDITIONING, "generator", num_classes, norm)
    z = keras.Input((latent_dim,), name="z")
    labels = cond.label_input() if conditioning != "none" else None
    b = _Builder(spectral_norm, dtype, norm, labels if conditioning == "cbn" else None, num_classes)
    x = cond.embedded_latent(z, labels, num_classes, dtype) if conditioning == "embed" else z
    x = keras.layers.Reshape((start, start, base_filters), dtype=dtype)(b.dense(start * start * base_filters)(x))
    size = start
    for _ in range(n):
        x = _up_block(b, x, base_filters)
        size *= 2
        if attention_resolution == size:
            x = SelfAttention(spectral_norm=spectral_norm, dtype=dtype, name=f"attention_{size}")(x)
    x = b.conv(channels)(b.relu()(b.bn(x)))
    x = keras.layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(z if labels is None else [z, labels], x, name=name)


def resnet_discriminator(resolution=32, channels=3, base_filters=128, spectral_norm=True, attention_resolution=None,
                         minibatch_stddev=False, minibatch_discrimination=False, conditioning=None, num_classes=None,
                         dtype=None, name="discriminator", **_):
    conditioning = cond.check_conditioning(conditioning, cond.DISCRIMINATOR_CONDITIONING, "discriminator", num_classes)
    b = _Builder(spectral_norm, dtype)
    inp = keras.Input((resolution, resolution, channels), name="image")
    x = _down_block(b, inp, base_filters, downsample=True, first=True)
    attended = False
    for i in range(3):
        if attention_resolution and not attended and x.shape[1] <= attention_resolution:
            x = SelfAttention(spectral_norm=spectral_norm, dtype=dtype, name=f"attention_{x.shape[1]}")(x)
            attended = True
        x = _down_block(b, x, base_filters, downsample=i == 0)
    x = b.relu()(x)
    group = option_value(minibatch_stddev, 4)
    if group:
        x = MinibatchStdDev(group_size=group, dtype=dtype, name="minibatch_stddev")(x)
    x = GlobalSumPooling2D(dtype=dtype, name="global_sum_pool")(x)
    kernels = option_value(minibatch_discrimination, 50)
    if kernels:
        x = MinibatchDiscrimination(num_kernels=kernels, dtype=dtype, name="minibatch_discrimination")(x)
    features, x = x, b.dense(1, dtype="float32")(x)
    if conditioning == "none":
        return keras.Model(inp, x, name=name)
    labels = cond.label_input()
    return keras.Model([inp, labels], cond.projected_logit(x, features, labels, num_classes), name=name)


GENERATORS.register("resnet", resnet_generator)
DISCRIMINATORS.register("resnet", resnet_discriminator)
