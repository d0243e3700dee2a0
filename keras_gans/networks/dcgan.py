"""DCGAN generator and discriminator (Radford et al. 2016, Sec. 3 and Fig. 1).

Strided (transposed) convolutions instead of pooling, batch normalisation in both networks except G's
output and D's input layer, ReLU in G with tanh output, LeakyReLU(0.2) in D, N(0, 0.02) weights.
Parametrised by ``resolution`` (any size s * 2^n with s >= 4, e.g. 28, 32, 64), ``channels`` and
``base_filters`` (ngf / ndf of the reference implementation). At 64x64 with base_filters=64 this is
exactly the layer stack and parameter count of the PyTorch DCGAN example (no biases beside batch
norm; its 4x4 first / last convolutions on a 1x1 / 4x4 map are written as Dense layers, which compute
the same function). ``norm="none"`` (the WGAN-GP critic) gives every layer a bias. ``spectral_norm=True`` wraps every
discriminator layer in ``SpectralNormalization`` (Miyato et al. 2018's SN on the standard CNN).
"""

import keras

from keras_gans.layers import SpectralNormalization, UnrolledConv2D
from keras_gans.networks.registry import DISCRIMINATORS, GENERATORS


def _init():
    return keras.initializers.RandomNormal(0.0, 0.02)


def _gamma_init():
    return keras.initializers.RandomNormal(1.0, 0.02)


def _num_resamplings(resolution, final_size):
    n = 0
    while resolution % (2 ** (n + 1)) == 0 and resolution // (2 ** (n + 1)) >= final_size:
        n += 1
    if n == 0:
        raise ValueError(
            f"resolution {resolution} cannot be reached by doubling from a map of size >= {final_size}; "
            "use e.g. 28, 32 or 64."
        )
    return n


def _norm(norm, dtype, name):
    if norm == "batch":
        # synchronized: statistics over the global batch under tf.distribute (1 replica = plain BN)
        return keras.layers.BatchNormalization(
            momentum=0.9, epsilon=1e-5, gamma_initializer=_gamma_init(), synchronized=True, dtype=dtype, name=name
        )
    if norm == "layer":
        return keras.layers.LayerNormalization(epsilon=1e-5, dtype=dtype, name=name)
    if norm in (None, "none"):
        return None
    raise ValueError(f"norm must be 'batch', 'layer' or 'none', got {norm!r}.")


def dcgan_generator(
    latent_dim=100,
    resolution=64,
    channels=3,
    base_filters=64,
    kernel_size=4,
    norm="batch",
    final_size=4,
    dtype=None,
    name="generator",
    **_,
):
    n = _num_resamplings(resolution, final_size)
    start = resolution // 2**n
    filters = base_filters * 2 ** (n - 1)
    z = keras.Input((latent_dim,), name="z")
    x = keras.layers.Dense(start * start * filters, use_bias=norm in (None, "none"), kernel_initializer=_init(), dtype=dtype, name="project")(z)
    x = keras.layers.Reshape((start, start, filters), dtype=dtype)(x)
    for i in range(n):
        last = i == n - 1
        layer = _norm(norm, dtype, f"norm_{i}")
        if layer is not None:
            x = layer(x)
        x = keras.layers.ReLU(dtype=dtype)(x)
        out = channels if last else filters // 2 ** (i + 1)
        x = keras.layers.Conv2DTranspose(
            out,
            kernel_size,
            strides=2,
            padding="same",
            use_bias=norm in (None, "none"),
            kernel_initializer=_init(),
            dtype=dtype,
            name=f"deconv_{i}",
        )(x)
    x = keras.layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(z, x, name=name)


def dcgan_discriminator(
    resolution=64,
    channels=3,
    base_filters=64,
    kernel_size=4,
    norm="batch",
    final_size=4,
    dropout=0.0,
    spectral_norm=False,
    dtype=None,
    name="discriminator",
    **_,
):
    n = _num_resamplings(resolution, final_size)
    wrap = (lambda layer: SpectralNormalization(layer, dtype=layer.dtype_policy, name=f"sn_{layer.name}")) if spectral_norm else (lambda layer: layer)
    inp = keras.Input((resolution, resolution, channels), name="image")
    x = inp
    size = resolution
    for i in range(n):
        # on maps of at most k*k pixels a convolution is faster as one matmul (same function, same weights)
        small = size * size <= kernel_size * kernel_size and not spectral_norm
        conv = UnrolledConv2D if small else keras.layers.Conv2D
        size = -(-size // 2)
        x = wrap(conv(
            base_filters * 2**i,
            kernel_size,
            strides=2,
            padding="same",
            use_bias=norm in (None, "none"),
            kernel_initializer=_init(),
            dtype=dtype,
            name=f"conv_{i}",
        ))(x)
        if i > 0:
            layer = _norm(norm, dtype, f"norm_{i}")
            if layer is not None:
                x = layer(x)
        x = keras.layers.LeakyReLU(0.2, dtype=dtype)(x)
        if dropout:
            x = keras.layers.Dropout(dropout, dtype=dtype)(x)
    x = keras.layers.Flatten(dtype=dtype)(x)
    x = wrap(keras.layers.Dense(1, use_bias=norm in (None, "none"), kernel_initializer=_init(), dtype="float32", name="logit"))(x)
    return keras.Model(inp, x, name=name)


GENERATORS.register("dcgan", dcgan_generator)
DISCRIMINATORS.register("dcgan", dcgan_discriminator)
