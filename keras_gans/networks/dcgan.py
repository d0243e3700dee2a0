"""DCGAN generator and discriminator (Radford et al. 2016, Sec. 3 and Fig. 1).

Strided (transposed) convolutions instead of pooling, batch normalisation in both networks except G's
output and D's input layer, ReLU in G with tanh output, LeakyReLU(0.2) in D, N(0, 0.02) weights.
Parametrised by ``resolution`` (any size s * 2^n with s >= 4, e.g. 28, 32, 64), ``channels`` and
``base_filters`` (ngf / ndf of the reference implementation). At 64x64 with base_filters=64 this is
exactly the layer stack and parameter count of the PyTorch DCGAN example (no biases beside batch
norm; its 4x4 first / last convolutions on a 1x1 / 4x4 map are written as Dense layers, which compute
the same function). ``norm="none"`` (the WGAN-GP critic) gives every layer a bias. ``spectral_norm=True`` wraps every
discriminator layer in ``SpectralNormalization`` (Miyato et al. 2018's SN on the standard CNN).

``canvas="auto"`` builds both networks at the next size reachable by doubling from 4x4 (28 -> 32: 4 -> 8 ->
16 -> 32 instead of 7 -> 14 -> 28, one layer more): G's output is the centre of its canvas, D pads its
input to the canvas with -1 (black), so data and samples keep their size.

Options (``keras_gans.networks.options``): ``norm`` batch / layer / group / none in both networks and
virtual_batch in G; ``attention_resolution`` inserts ``SelfAttention`` (Zhang et al. 2019) after the layer
producing (G) or reading (D) that map size; D's ``minibatch_stddev`` and ``minibatch_discrimination``
before its logit; ``depth`` extra 3x3 convolutions per resolution (a deeper network at the same sizes);
``conditioning`` with ``num_classes`` (``keras_gans.networks.conditioning``): G ``embed`` or ``cbn``, D
``projection``; the network then takes ``[input, labels]``.
"""

import keras

from keras_gans.layers import ReferenceBatch, SelfAttention, SpectralNormalization, UnrolledConv2D
from keras_gans.networks import conditioning as cond
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


def _canvas_size(resolution, canvas, final_size):
    """The size the network is built at: ``resolution``, or with ``canvas="auto"`` the smallest
    ``final_size * 2^k`` >= it (28 -> 32), or ``canvas`` itself (an int >= resolution)."""
    if canvas in (None, "none", False):
        return resolution
    if canvas == "auto":
        size = final_size
        while size < resolution:
            size *= 2
        return size
    if isinstance(canvas, bool) or not isinstance(canvas, int) or canvas < resolution:
        raise ValueError(f"canvas must be 'auto', 'none' or a size >= the resolution {resolution}, got {canvas!r}.")
    return canvas


def _apply_norm(x, norm, dtype, name, labels=None, num_classes=None):
    """G's and D's normalisation; class-conditional batch norm when ``labels`` are given (G's ``cbn``)."""
    if labels is not None:
        return cond.conditional_norm(x, labels, num_classes, dtype, name)
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
    canvas=None,
    conditioning=None,
    num_classes=None,
    dtype=None,
    name="generator",
    **_,
):
    norm = check_norm(norm, where="generator.norm")
    conditioning = cond.check_conditioning(conditioning, cond.GENERATOR_CONDITIONING, "generator", num_classes, norm)
    size_out = resolution
    resolution = _canvas_size(resolution, canvas, final_size)
    n = _num_resamplings(resolution, final_size)
    start = resolution // 2**n
    filters = base_filters * 2 ** (n - 1)
    bias = uses_bias(norm)
    z = keras.Input((latent_dim,), name="z")
    labels = cond.label_input() if conditioning != "none" else None
    x = cond.embedded_latent(z, labels, num_classes, dtype) if conditioning == "embed" else z
    x = ReferenceBatch(REFERENCE_SIZE, name="reference_batch")(x) if norm == "virtual_batch" else x
    by_class = dict(labels=labels, num_classes=num_classes) if conditioning == "cbn" else {}
    x = keras.layers.Dense(start * start * filters, use_bias=bias, kernel_initializer=_init(), dtype=dtype, name="project")(x)
    x = keras.layers.Reshape((start, start, filters), dtype=dtype)(x)
    size = start
    for i in range(n):
        last = i == n - 1
        x = keras.layers.ReLU(dtype=dtype)(_apply_norm(x, norm, dtype, f"norm_{i}", **by_class))
        for j in range(depth):  # extra 3x3 convolutions at this resolution
            x = keras.layers.Conv2D(x.shape[-1], 3, padding="same", use_bias=bias, kernel_initializer=_init(), dtype=dtype,
                                    name=f"conv_{i}_{j}")(x)
            x = keras.layers.ReLU(dtype=dtype)(_apply_norm(x, norm, dtype, f"norm_{i}_{j}", **by_class))
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
    if resolution > size_out:  # the centre of the canvas
        lo = (resolution - size_out) // 2
        x = keras.layers.Cropping2D(((lo, resolution - size_out - lo),) * 2, dtype="float32", name="crop")(x)
    return keras.Model(z if labels is None else [z, labels], x, name=name)


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
    canvas=None,
    conditioning=None,
    num_classes=None,
    dtype=None,
    name="discriminator",
    **_,
):
    norm = check_norm(norm, ("batch", "layer", "group", "none"), "discriminator.norm")
    conditioning = cond.check_conditioning(conditioning, cond.DISCRIMINATOR_CONDITIONING, "discriminator", num_classes)
    size_in = resolution
    resolution = _canvas_size(resolution, canvas, final_size)
    n = _num_resamplings(resolution, final_size)
    wrap = (lambda layer: SpectralNormalization(layer, dtype=layer.dtype_policy, name=f"sn_{layer.name}")) if spectral_norm else (lambda layer: layer)
    bias = uses_bias(norm)
    inp = keras.Input((size_in, size_in, channels), name="image")
    x = inp
    if resolution > size_in:  # centred on a canvas of -1 (black): x + 1, zero-padded, - 1
        lo = (resolution - size_in) // 2
        x = keras.layers.Rescaling(1.0, offset=1.0, dtype=dtype, name="shift_up")(x)
        x = keras.layers.ZeroPadding2D(((lo, resolution - size_in - lo),) * 2, dtype=dtype, name="pad")(x)
        x = keras.layers.Rescaling(1.0, offset=-1.0, dtype=dtype, name="shift_down")(x)
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
    features = discriminator_head(x, dtype, minibatch_stddev, minibatch_discrimination)
    x = wrap(keras.layers.Dense(1, use_bias=bias, kernel_initializer=_init(), dtype="float32", name="logit"))(features)
    if conditioning == "none":
        return keras.Model(inp, x, name=name)
    labels = cond.label_input()
    return keras.Model([inp, labels], cond.projected_logit(x, features, labels, num_classes), name=name)


GENERATORS.register("dcgan", dcgan_generator)
DISCRIMINATORS.register("dcgan", dcgan_discriminator)
