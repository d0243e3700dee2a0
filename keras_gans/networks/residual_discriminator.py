"""The residual discriminator of StyleGAN2 (Karras et al. 2020, sec. 4.1, fig. 7c), scaled down: a 1x1
fromRGB at the input resolution, then per resolution two 3x3 convs and 2x2 average pooling with a
pooled 1x1 shortcut, the sum scaled by 1/sqrt(2); at 4x4 minibatch standard deviation (Karras et al.
2018, sec. 3), a 3x3 conv, a dense layer and the linear logit. Equalized learning rate, LeakyReLU(0.2),
no normalisation, no FIR blur before the pooling. ``conditioning="projection"`` with ``num_classes``: the
logit plus the projection of the dense features on a class embedding (Miyato & Koyama 2018; StyleGAN2-ADA's
conditional D projects its features the same way); the network then takes ``[image, labels]``."""

import math

import keras

from keras_gans.layers import EqualizedConv2D, EqualizedDense, MinibatchStdDev
from keras_gans.networks import conditioning as cond
from keras_gans.networks.registry import DISCRIMINATORS


def residual_discriminator(resolution=32, channels=1, fmap_base=2048, fmap_max=128, group_size=4, conditioning=None,
                           num_classes=None, dtype=None):
    conditioning = cond.check_conditioning(conditioning, cond.DISCRIMINATOR_CONDITIONING, "discriminator", num_classes)
    if resolution < 4 or resolution & (resolution - 1):
        raise ValueError(f"the residual discriminator halves down to 4x4: resolution must be 4, 8, 16, 32, 64, ..., got {resolution}.")

    def nf(r):
        return max(1, min(fmap_base // int(r), fmap_max))

    def lrelu(x):
        return keras.layers.LeakyReLU(0.2, dtype=dtype)(x)

    def conv(filters, kernel, name, **kw):
        return EqualizedConv2D(filters, kernel, dtype=dtype, name=name, **kw)

    inputs = keras.Input((resolution, resolution, channels))
    x = lrelu(conv(nf(resolution), 1, f"from_rgb{resolution}")(inputs))
    r = resolution
    while r > 4:
        pool = keras.layers.AveragePooling2D(2, dtype=dtype)
        skip = conv(nf(r // 2), 1, f"skip{r}", use_bias=False, gain=1.0)(pool(x))
        h = lrelu(conv(nf(r), 3, f"conv{r}_a")(x))
        h = keras.layers.AveragePooling2D(2, dtype=dtype)(lrelu(conv(nf(r // 2), 3, f"conv{r}_b")(h)))
        x = keras.layers.Rescaling(1.0 / math.sqrt(2.0), dtype=dtype)(keras.layers.Add(dtype=dtype)([skip, h]))
        r //= 2
    x = MinibatchStdDev(group_size, dtype=dtype, name="minibatch_stddev")(x)
    x = lrelu(conv(nf(4), 3, "conv4")(x))
    x = lrelu(EqualizedDense(nf(4), dtype=dtype, name="fc")(keras.layers.Flatten(dtype=dtype)(x)))
    logit = EqualizedDense(1, gain=1.0, dtype=dtype, name="logit")(x)
    if conditioning == "none":
        return keras.Model(inputs, logit, name="residual_discriminator")
    labels = cond.label_input()
    return keras.Model([inputs, labels], cond.projected_logit(logit, x, labels, num_classes), name="residual_discriminator")


DISCRIMINATORS.register("residual", residual_discriminator)
