"""Presets with spectrally normalised networks, 32x32 (CIFAR-10 through TFDS by default; MNIST padded to
32x32 with ``--dataset PATH --set channels=1 --set dataset.resize=pad``)."""

from keras_gans.zoo.image_presets import ADAM_DCGAN, _image_preset
from keras_gans.zoo.registry import register_preset

CIFAR10 = {"name": "cifar10", "resize": "bilinear"}
ADAM_SNGAN = {"name": "adam", "learning_rate": 2e-4, "beta_1": 0.0, "beta_2": 0.9}


def _cifar(preset, **changes):
    preset.update(resolution=32, channels=3, dataset=dict(CIFAR10), **changes)
    return preset


register_preset(
    "sngan",
    _cifar(
        _image_preset(
            "SNGAN: ResNet G, spectrally normalised ResNet D, hinge loss, 5 D steps",
            "Miyato et al. 2018, Table 4 (CIFAR-10 ResNets: G 256 / D 128 channels) and Sec. 5: hinge loss, "
            "Adam 2e-4, betas (0, 0.9), n_dis 5, batch 64",
            {"name": "hinge"},
            {"d": dict(ADAM_SNGAN), "g": dict(ADAM_SNGAN)},
            model={"name": "gan", "d_steps": 5},
            latent_dim=128,
        ),
        generator={"network": "resnet", "base_filters": 256},
        discriminator={"network": "resnet", "base_filters": 128, "spectral_norm": True},
    ),
)

register_preset(
    "sagan",
    _cifar(
        _image_preset(
            "SAGAN: spectral norm in G and D, self-attention, hinge loss, TTUR",
            "Zhang et al. 2019, Sec. 5: spectral norm in both networks, TTUR lr_D 4e-4 / lr_G 1e-4, "
            "Adam betas (0, 0.9), one D step per G step, hinge loss; attention on the 32x32 maps of G "
            "(and D's first 16x16 maps), on the SNGAN ResNets",
            {"name": "hinge"},
            {"d": {**ADAM_SNGAN, "learning_rate": 4e-4}, "g": {**ADAM_SNGAN, "learning_rate": 1e-4}},
            latent_dim=128,
        ),
        generator={"network": "resnet", "base_filters": 256, "spectral_norm": True, "attention_resolution": 32},
        discriminator={"network": "resnet", "base_filters": 128, "spectral_norm": True, "attention_resolution": 32},
    ),
)

register_preset(
    "dcgan_sn",
    _cifar(
        _image_preset(
            "DCGAN with a spectrally normalised discriminator (no batch norm in D)",
            "Miyato et al. 2018, Sec. 4 and Table 3 (SN on the standard CNN): non-saturating loss, "
            "Adam 2e-4, betas (0.5, 0.999), n_dis 1 (their setting C)",
            {"name": "non_saturating"},
            {"d": dict(ADAM_DCGAN), "g": dict(ADAM_DCGAN)},
            d_norm="none",
        ),
        discriminator={"network": "dcgan", "base_filters": 64, "norm": "none", "spectral_norm": True},
    ),
)
