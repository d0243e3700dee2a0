"""Presets for small images (28 to 64 px, 1 or 3 channels) from the recipe search of
``tools/benchmark.py recipes`` (``zoo/RESULTS.md``). Their hyper-parameters are the same for every such
dataset: change the data with ``--dataset`` and the shape with ``resolution`` / ``channels``, nothing else.
MNIST is only the default data."""

from keras_gans.zoo.image_presets import ADAM_DCGAN, _image_preset
from keras_gans.zoo.registry import register_preset


ADAM_FAST = {**ADAM_DCGAN, "learning_rate": 2e-3}


def _dcgan_ema(width):
    preset = _image_preset(
        "DCGAN networks, non-saturating loss, Adam at 10x the DCGAN rate (2e-3, betas 0.5 / 0.999) averaged by "
        "an EMA of G (0.999, ramp-up 0.05), networks on a power-of-2 canvas (28 -> 32), samples drawn where G is smooth "
        "(Jacobian-based truncation keeping 80% of the latents): the small-image recipe measured fastest to quality "
        "(28-64 px, 1 or 3 channels)",
        "Radford et al. 2016 (networks, batch norm, Adam betas); Yazici et al. 2019 (EMA of G); Karras et al. "
        "2020b, App. B.1 (EMA ramp-up); Tanielian et al. 2020, sec. 4.2 (Jacobian-based truncation); learning rate "
        "and width from the recipe search in zoo/RESULTS.md",
        {"name": "non_saturating"},
        {"d": dict(ADAM_FAST), "g": dict(ADAM_FAST)},
        model={"name": "gan", "d_steps": 1, "ema_decay": 0.999, "ema_warmup": 0.05, "jacobian_truncation": 0.8},
    )
    for net in ("generator", "discriminator"):
        preset[net]["base_filters"] = width
        preset[net]["canvas"] = "auto"  # 28x28 data: networks built at 32 (4 -> 8 -> 16 -> 32), G cropped, D padded
    return preset


register_preset("dcgan_ema", _dcgan_ema(64))


def stacked_mnist(preset):
    """The same recipe on Stacked MNIST (Metz et al. 2017, sec. 3.3: three digits as the R, G and B channels,
    1,000 modes), the mode-coverage benchmark; ``--dataset stacked_mnist:IDX_FOLDER`` for local digits.

    Training is the recipe's; sampling keeps every latent (no Jacobian-based truncation): the benchmark scores
    how evenly the 1,000 modes are drawn, which a truncation trades for precision (measured on a 60-minute run,
    26,000 samples: KL to uniform 0.0292 with every latent, 0.0346 keeping 80%; zoo/RESULTS.md)."""
    preset = dict(preset, channels=3, dataset={"name": "stacked_mnist", "resize": "bilinear"})
    preset["model"] = dict(preset["model"], jacobian_truncation=None)
    preset["description"] = "Stacked MNIST (1,000 modes): " + preset["description"]
    preset["reference"] += "; Metz et al. 2017, sec. 3.3 (Stacked MNIST)"
    return preset


register_preset("dcgan_ema_stacked_mnist", stacked_mnist(_dcgan_ema(64)))
