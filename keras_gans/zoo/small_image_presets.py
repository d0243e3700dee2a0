"""Presets for small images (28 to 64 px, 1 or 3 channels) from the recipe search of
``tools/benchmark.py recipes`` (``zoo/RESULTS.md``). Their hyper-parameters are the same for every such
dataset: change the data with ``--dataset`` and the shape with ``resolution`` / ``channels``, nothing else.
MNIST is only the default data."""

from keras_gans.zoo.image_presets import ADAM_DCGAN, _image_preset
from keras_gans.zoo.registry import register_preset


def _dcgan_ema(width):
    preset = _image_preset(
        f"DCGAN networks at width {width}, non-saturating loss, EMA of G (0.999, ramp-up 0.05): the "
        "small-image recipe measured fastest to quality (28-64 px, 1 or 3 channels)",
        "Radford et al. 2016 (networks, Adam 2e-4 / 0.5); Yazici et al. 2019 (EMA of G); Karras et al. 2020b, "
        "App. B.1 (EMA ramp-up); recipe search in zoo/RESULTS.md",
        {"name": "non_saturating"},
        {"d": dict(ADAM_DCGAN), "g": dict(ADAM_DCGAN)},
        model={"name": "gan", "d_steps": 1, "ema_decay": 0.999, "ema_warmup": 0.05},
    )
    preset["generator"]["base_filters"] = width
    preset["discriminator"]["base_filters"] = width
    return preset


register_preset("dcgan_ema", _dcgan_ema(32))
