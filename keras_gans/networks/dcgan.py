"""DCGAN generator and discriminator (Radford et al. 2016, Sec. 3 and Fig. 1).

Strided (transposed) convolutions instead of pooling, batch normalisation in both networks except G's
output and D's input layer, ReLU in G with tanh output, LeakyReLU(0.2) in D, N(0, 0.02) weights.
Parametrised by ``resolution`` (any size s * 2^n with s >= 4, e.g. 28, 32, 64), ``channels`` and
``base_filters`` (ngf / ndf of the reference implementation). At 64x64 with base_filters=64 this is
exactly the layer stack and parameter count of the PyTorch DCGAN example (no biases beside batch
norm; its 4x4 first / last convolutions on a 1x1 / 4x4 map are written as Dense layers, which compute
the same function). ``norm="none"`` (the WGAN-GP critic) gives every layer a bias. ``spectral_norm=True`` wraps every
discriminator layer in ``SpectralNormalization`` (Miyato et al. 2018's SN on the standard CNN).

Options (``keras_gans.networks.options``): ``norm`` batch / layer / group / none in both networks and
virtual_batch in G; ``attention_resolution`` inserts ``SelfAttention`` (Zhang et al. 2019) after the layer
producing (G) or reading (D) that map size; D's ``minibatch_stddev`` and ``minibatch_discrimination``
before its logit; ``depth`` extra 3x3 convolutions per resolution (a deeper network at the same sizes).
"""

import keras

from keras_gans.layers import ReferenceBatch, SelfAttention, SpectralNormalization, UnrolledConv2D
from keras_gans.networks.options import REFERENCE_SIZE, check_norm, discriminator_head, normalization, uses_bias
from keras_gans.networks.registry import DISCRIMINATORS, GENERATORS


def _init():
    return keras.initializers.RandomNormal(0.0, 0.02)


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


def _apply_norm(x, norm, dtype, name):
    layer = normalization(norm, dtype, name, channels=x.shape[-1])
    return x if layer is None else layer(x)


def dcgan_generator(
    latent_dim=100,
    resolution=64,
    channels=3,
    base_filters=64,
    kernel_size=4,
    norm="batch",
    final_size=4,
    attention_resolution=None,
    depth=0,
    dtype=None,
    name="generator",
    **_,
):
    norm = check_norm(norm, where="generator.norm")
    n = _num_resamplings(resolution, final_size)
    start = resolution // 2**n
    filters = base_filters * 2 ** (n - 1)
    bias = uses_bias(norm)
    z = keras.Input((latent_dim,), name="z")
    x = ReferenceBatch(REFERENCE_SIZE, name="reference_batch")(z) if norm == "virtual_batch" else z
    x = keras.layers.Dense(start * start * filters, use_bias=bias, kernel_initializer=_init(), dtype=dtype, name="project")(x)
    x = keras.layers.Reshape((start, start, filters), dtype=dtype)(x)
    size = start
    for i in range(n):
        last = i == n - 1
        x = keras.layers.ReLU(dtype=dtype)(_apply_norm(x, norm, dtype, f"norm_{i}"))
        for j in range(depth):  # extra 3x3 convolutions at this resolution
            x = keras.layers.Conv2D(x.shape[-1], 3, padding="same", use_bias=bias, kernel_initializer=_init(), dtype=dtype,
                                    name=f"conv_{i}_{j}")(x)
            x = keras.layers.ReLU(dtype=dtype)(_apply_norm(x, norm, dtype, f"norm_{i}_{j}"))
        out = channels if last else filters // 2 ** (i + 1)
        x = keras.layers.Conv2DTranspose(
            out,
            kernel_size,
            strides=2,
            padding="same",
            use_bias=bias,
            kernel_initializer=_init(),
            dtype=dtype,
            name=f"deconv_{i}",
        )(x)
        size *= 2
        if attention_resolution == size and not last:
            x = SelfAttention(dtype=dtype, name=f"attention_{size}")(x)
    if norm == "virtual_batch":
        x = ReferenceBatch(REFERENCE_SIZE, drop=True, dtype=dtype, name="drop_reference_batch")(x)  # they only set statistics
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
    attention_resolution=None,
    minibatch_stddev=False,
    minibatch_discrimination=False,
    depth=0,
    dtype=None,
    name="discriminator",
    **_,
):
    norm = check_norm(norm, ("batch", "layer", "group", "none"), "discriminator.norm")
    n = _num_resamplings(resolution, final_size)
    wrap = (lambda layer: SpectralNormalization(layer, dtype=layer.dtype_policy, name=f"sn_{layer.name}")) if spectral_norm else (lambda layer: layer)
    bias = uses_bias(norm)
    inp = keras.Input((resolution, resolution, channels), name="image")
    x = inp
    size = resolution
    for i in range(n):
        if attention_resolution and size == attention_resolution:
            x = SelfAttention(spectral_norm=spectral_norm, dtype=dtype, name=f"attention_{size}")(x)
        for j in range(depth if i > 0 else 0):  # extra 3x3 convolutions at this resolution
            x = wrap(keras.layers.Conv2D(x.shape[-1], 3, padding="same", use_bias=bias, kernel_initializer=_init(),
                                         dtype=dtype, name=f"conv_{i}_{j}"))(x)
            x = keras.layers.LeakyReLU(0.2, dtype=dtype)(_apply_norm(x, norm, dtype, f"norm_{i}_{j}"))
        # on maps of at most k*k pixels a convolution is faster as one matmul (same function, same weights)
        small = size * size <= kernel_size * kernel_size and not spectral_norm
        conv = UnrolledConv2D if small else keras.layers.Conv2D
        size = -(-size // 2)
        x = wrap(conv(
            base_filters * 2**i,
            kernel_size,
            strides=2,
            padding="same",
            use_bias=bias,
            kernel_initializer=_init(),
            dtype=dtype,
            name=f"conv_{i}",
        ))(x)
        if i > 0:
            x = _apply_norm(x, norm, dtype, f"norm_{i}")
        x = keras.layers.LeakyReLU(0.2, dtype=dtype)(x)
        if dropout:
            x = keras.layers.Dropout(dropout, dtype=dtype)(x)
    x = discriminator_head(x, dtype, minibatch_stddev, minibatch_discrimination)
    x = wrap(keras.layers.Dense(1, use_bias=bias, kernel_initializer=_init(), dtype="float32", name="logit"))(x)
    return keras.Model(inp, x, name=name)


GENERATORS.register("dcgan", dcgan_generator)
DISCRIMINATORS.register("dcgan", dcgan_discriminator)
