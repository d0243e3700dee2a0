"""Style-based presets: StyleGAN2 (Karras et al. 2020), scaled down to small images."""

from keras_gans.zoo.registry import register_preset

ADAM_STYLEGAN2 = {"name": "adam", "learning_rate": 2e-3, "beta_1": 0.0, "beta_2": 0.99, "epsilon": 1e-8}
RESOLUTION, BATCH = 32, 64


def _stylegan():
    return {
        "description": "StyleGAN2, scaled down: mapping network (8 layers, lr x0.01), learned constant, modulated convs "
                       "with demodulation, noise inputs, skip G, residual D, style mixing 0.9, non-saturating loss, "
                       "lazy R1, path-length regularisation, EMA of G, truncation trick",
        "reference": "Karras et al. 2020 (StyleGAN2), sec. 2-4 and App. B: Adam 2e-3 betas (0, 0.99), R1 every 16 D steps "
                     "with gamma = 0.0002 res^2 / batch (the StyleGAN2-ADA heuristic), path length weight 2 every 4 G "
                     "steps, style mixing 0.9, EMA of G; channels min(512 / r, 128) instead of 512 (16 at 32x32) for a CPU budget, no FIR "
                     "blur, style affines starting at 0 (the reference code draws them at random: FID 142 instead of "
                     "48.7 after 10 minutes here, in the packaged MNIST classifier's features, zoo/RESULTS.md)",
        "model": {"name": "gan", "d_steps": 1, "ema_decay": 0.999, "ema_warmup": 0.05},
        "latent_dim": 128,
        "resolution": RESOLUTION,
        "channels": 1,
        "generator": {"network": "style", "w_dim": 128, "fmap_base": 512, "fmap_max": 128, "mapping_layers": 8,
                      "mapping_lr_multiplier": 0.01, "style_mixing": 0.9},
        "discriminator": {"network": "residual", "fmap_base": 512, "fmap_max": 128},
        "loss": {"name": "non_saturating"},
        "regularizers": {"r1": {"weight": 0.0002 * RESOLUTION**2 / BATCH, "every": 16}},
        "g_regularizers": {"path_length": {"weight": 2.0, "every": 4}},
        "optimizers": {"d": dict(ADAM_STYLEGAN2), "g": dict(ADAM_STYLEGAN2)},
        "dataset": {"name": "mnist", "resize": "pad"},  # 28x28 digits centred on a 32x32 canvas
        "batch_size": BATCH,
        "steps": 10000,
        "precision": "auto",
        "jit_compile": "auto",
        "seed": 0,
    }


register_preset("stylegan", _stylegan())
