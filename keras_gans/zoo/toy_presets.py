"""Presets on 2-D Gaussian mixtures (no download, trains in a minute on a CPU)."""

from keras_gans.zoo.registry import register_preset


def _toy_preset(description, reference, dataset):
    return {
        "description": description,
        "reference": reference,
        "model": {"name": "gan", "d_steps": 1},
        "latent_dim": 2,
        "data_dim": 2,
        "generator": {"network": "mlp", "units": [128, 128, 128]},
        "discriminator": {"network": "mlp", "units": [128, 128, 128]},
        "loss": {"name": "non_saturating"},
        "regularizers": {},
        "optimizers": {
            "d": {"name": "adam", "learning_rate": 1e-4, "beta_1": 0.5, "beta_2": 0.999},
            "g": {"name": "adam", "learning_rate": 1e-4, "beta_1": 0.5, "beta_2": 0.999},
        },
        "dataset": {"name": dataset},
        "batch_size": 256,
        "precision": "float32",
        "jit_compile": "auto",
        "seed": 0,
    }


register_preset(
    "gaussian_ring",
    _toy_preset(
        "MLP GAN on the ring of 8 Gaussians (std 0.01), non-saturating loss",
        "VEEGAN (Srivastava et al. 2017) / PacGAN (Lin et al. 2018) ring benchmark; "
        "MLPs of 3 x 128 ReLU units, Adam 1e-4, betas (0.5, 0.999), batch 256",
        "ring",
    ),
)

register_preset(
    "gaussian_grid",
    _toy_preset(
        "MLP GAN on the 5x5 grid of 25 Gaussians (std 0.05), non-saturating loss",
        "VEEGAN (Srivastava et al. 2017) / PacGAN (Lin et al. 2018) grid benchmark; "
        "the same MLPs, optimizer and batch as gaussian_ring",
        "grid",
    ),
)


def _stable_preset(dataset, steps=20000):
    """The best combination measured by ``tools/benchmark.py dynamics``: R1 (gamma 1) on D, a 10x larger
    learning rate annealed by a cosine schedule, and an EMA of G for sampling."""
    schedule = {"schedule": "cosine", "initial_learning_rate": 1e-3, "decay_steps": steps, "alpha": 0.01}
    preset = _toy_preset(
        f"MLP GAN on the {dataset} with R1, a cosine-annealed learning rate and an EMA of G",
        "R1 (Mescheder et al. 2018, eq. 9, gamma 1); EMA of G (Yazici et al. 2019, beta 0.999); cosine "
        "learning-rate annealing (Loshchilov & Hutter 2017) from 1e-3 to 1e-5; otherwise gaussian_" + dataset,
        dataset,
    )
    preset["model"]["ema_decay"] = 0.999
    preset["regularizers"] = {"r1": {"weight": 1.0}}
    for player in ("d", "g"):
        preset["optimizers"][player]["learning_rate"] = dict(schedule)
    preset["steps"] = steps
    return preset


register_preset("gaussian_ring_stable", _stable_preset("ring"))
register_preset("gaussian_grid_stable", _stable_preset("grid"))
