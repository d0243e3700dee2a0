"""``discriminator.packing=m`` (PacGAN, Lin et al. 2018): any of the packable discriminators built for inputs of
m samples joined along the last axis, behind a ``PackSamples`` layer, so that it takes the batch as every
discriminator does and returns one logit per pack of m consecutive samples."""

import keras

from keras_gans.checks import ConfigError
from keras_gans.layers import PackSamples
from keras_gans.private_api import nested_layers

PACKABLE = ("mlp", "dcgan", "resnet", "residual")


def packed(build, network, packing, spec, shared):
    """``build(spec, shared)`` (the network's builder) for packs of ``packing`` samples: the inner network takes
    ``channels * m`` channels (or ``data_dim * m`` features) and sits behind ``PackSamples(m)``."""
    if network not in PACKABLE:
        raise ConfigError(f"discriminator.packing joins samples along the channels of the input: it is available for the "
                          f"{', '.join(PACKABLE)} discriminators, not {network!r}.")
    if spec.get("conditioning") not in (None, "none") or shared.get("num_classes"):
        raise ConfigError("discriminator.packing judges m samples together, so a class label per sample has no place: "
                          "packing and conditioning cannot be combined.")
    key = "data_dim" if network == "mlp" else "channels"
    merged = {**shared, **spec}
    if key not in merged:
        raise ConfigError(f"discriminator.packing needs the data's {key} to build the packed discriminator.")
    sample = (merged["data_dim"],) if key == "data_dim" else (merged["resolution"],) * 2 + (merged["channels"],)
    inner = build({**spec, key: merged[key] * packing}, shared)
    inp = keras.Input(sample, name="x" if key == "data_dim" else "image")
    return keras.Model(inp, inner(PackSamples(packing, name="pack")(inp)), name=inner.name)


def packing_of(discriminator):
    """The samples per pack of ``discriminator`` (1: it judges samples one by one)."""
    sizes = [layer.size for layer in nested_layers(discriminator) if isinstance(layer, PackSamples)]
    return sizes[0] if sizes else 1
