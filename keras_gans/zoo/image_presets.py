"""Image presets, MNIST by default (28x28x1, no download needed with a local IDX folder)."""

from keras_gans.zoo.registry import register_preset

ADAM_DCGAN = {"name": "adam", "learning_rate": 2e-4, "beta_1": 0.5, "beta_2": 0.999}
ADAM_WGAN_GP = {"name": "adam", "learning_rate": 1e-4, "beta_1": 0.0, "beta_2": 0.9}
MNIST = {"name": "mnist", "resize": "bilinear"}


def _image_preset(description, reference, loss, optimizers, model=None, d_norm="batch", regularizers=None, latent_dim=100):
    return {
        "description": description,
        "reference": reference,
        "model": model or {"name": "gan", "d_steps": 1},
        "latent_dim": latent_dim,
        "resolution": 28,
        "channels": 1,
        "generator": {"network": "dcgan", "base_filters": 64},
        "discriminator": {"network": "dcgan", "base_filters": 64, "norm": d_norm},
        "loss": loss,
        "regularizers": regularizers or {},
        "optimizers": optimizers,
        "dataset": dict(MNIST),
        "batch_size": 64,
        "precision": "auto",
        "jit_compile": "auto",
        "seed": 0,
    }


register_preset(
    "dcgan",
    _image_preset(
        "DCGAN: strided convs, batch norm, non-saturating loss",
        "Radford et al. 2016, Sec. 3-4: Adam 2e-4, beta1 0.5, batch 128 (64 in the PyTorch example), N(0, 0.02) init",
        {"name": "non_saturating"},
        {"d": dict(ADAM_DCGAN), "g": dict(ADAM_DCGAN)},
    ),
)

register_preset(
    "lsgan",
    _image_preset(
        "LSGAN: least-squares loss with 0-1 coding on the DCGAN networks",
        "Mao et al. 2017, Eq. 2 and 9 (a=0, b=1, c=1); Adam 2e-4, beta1 0.5 as in its Sec. 4",
        {"name": "least_squares", "a": 0.0, "b": 1.0, "c": 1.0},
        {"d": dict(ADAM_DCGAN), "g": dict(ADAM_DCGAN)},
    ),
)

register_preset(
    "wgan",
    _image_preset(
        "WGAN with weight clipping: Wasserstein critic, RMSprop, 5 critic steps",
        "Arjovsky et al. 2017, Algorithm 1: RMSprop lr 5e-5, clip c=0.01, n_critic=5, batch 64",
        {"name": "wasserstein"},
        {"d": {"name": "rmsprop", "learning_rate": 5e-5}, "g": {"name": "rmsprop", "learning_rate": 5e-5}},
        model={"name": "wgan", "d_steps": 5, "clip_value": 0.01},
    ),
)

register_preset(
    "wgan_gp",
    _image_preset(
        "WGAN-GP: Wasserstein critic without batch norm, gradient penalty 10, 5 critic steps",
        "Gulrajani et al. 2017, Algorithm 1: lambda 10, n_critic 5, Adam 1e-4, betas (0, 0.9), batch 64",
        {"name": "wasserstein"},
        {"d": dict(ADAM_WGAN_GP), "g": dict(ADAM_WGAN_GP)},
        model={"name": "gan", "d_steps": 5},
        d_norm="none",
        regularizers={"gradient_penalty": {"weight": 10.0}},
        latent_dim=128,
    ),
)

register_preset(
    "hinge",
    _image_preset(
        "Hinge-loss GAN on the DCGAN networks",
        "Lim & Ye 2017; Miyato et al. 2018, Eq. 16-17, Table 1 setting C: Adam 2e-4, betas (0.5, 0.999), n_dis 1",
        {"name": "hinge"},
        {"d": dict(ADAM_DCGAN), "g": dict(ADAM_DCGAN)},
    ),
)
