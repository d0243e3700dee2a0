"""Conditional presets (``conditional: true``: trained on the data's labels, ``keras_gans.zoo.conditional``);
``num_classes`` and the class names come from the data. Any other image preset becomes conditional with
``--set conditional=true``."""

import copy

from keras_gans.zoo.registry import PRESETS, register_preset


def _conditioned(base, description, reference, **changes):
    preset = copy.deepcopy(PRESETS.get(base))
    preset.update(conditional=True, description=description, reference=preset["reference"] + "; " + reference)
    for key, value in changes.items():
        preset[key] = {**preset[key], **value} if isinstance(value, dict) else value
    return preset


register_preset("dcgan_ema_conditional", _conditioned(
    "dcgan_ema",
    "dcgan_ema trained on the labels: class-conditional batch norm in G, a projection discriminator; sample a "
    "chosen class (small images, 28-64 px, 1 or 3 channels)",
    "de Vries et al. 2017 and Miyato & Koyama 2018 (conditional batch norm in G); Miyato & Koyama 2018, eq. 3 "
    "(projection discriminator)",
    generator={"conditioning": "cbn"}, discriminator={"conditioning": "projection"}))

register_preset("acgan", _conditioned(
    "dcgan_ema",
    "ACGAN on the dcgan_ema recipe: class-conditional batch norm in G, an unconditional D with an auxiliary "
    "class head (cross-entropy on real labels for D, on the drawn labels for G)",
    "Odena et al. 2017, sec. 3 (auxiliary classifier GAN)",
    generator={"conditioning": "cbn"}, model={"auxiliary_classifier": {"weight": 1.0}}))

register_preset("sngan_projection", _conditioned(
    "sngan",
    "SNGAN with projection: ResNet G with class-conditional batch norm, spectrally normalised ResNet projection "
    "D, hinge loss, 5 D steps (CIFAR-10 through TFDS by default)",
    "Miyato & Koyama 2018, sec. 5.1 (CIFAR-10: cBN ResNet G, projection SN-ResNet D, hinge, Adam 2e-4, betas "
    "(0, 0.9), n_dis 5)",
    generator={"conditioning": "cbn"}, discriminator={"conditioning": "projection"}))
