"""Growing presets: progressive growing of GANs (Karras et al. 2018), scaled down to small images."""

from keras_gans.zoo.registry import register_preset

ADAM_PGGAN = {"name": "adam", "learning_rate": 1e-3, "beta_1": 0.0, "beta_2": 0.99, "epsilon": 1e-8}
NETWORK = {"network": "progressive", "start_resolution": 4, "fmap_base": 512, "fmap_max": 128}


def _progressive_gan():
    images = 16000  # per fade-in and per stable phase: 250 steps of 64 (32x32 trains stable from step 1,750)
    return {
        "description": "Progressive growing 4 -> 8 -> ... -> the data's resolution: equalized learning rate, pixel norm "
                       "in G, minibatch std-dev in D, WGAN-GP with drift, EMA of G (stages fade in, then train stable)",
        "reference": "Karras et al. 2018, sec. 3-4 and App. A.1: WGAN-GP lambda 10, eps_drift 0.001, Adam 1e-3 betas "
                     "(0, 0.99), n_critic 1, EMA 0.999 (with the ramp-up 0.05 of Karras et al. 2020b, so the average follows "
                     "the blocks that grow in); fade-in / stable phases scaled from 800k to 16k images, "
                     "channels from 512 to min(512 / r, 128) (16 at 32x32) for a CPU budget",
        "model": {"name": "progressive_gan", "d_steps": 1, "ema_decay": 0.999, "ema_warmup": 0.05,
                  "growth": {"fade_images": images, "stable_images": images,
                             "batch_sizes": {"4": 64, "8": 64, "16": 64, "32": 64}}},
        "latent_dim": 128,
        "resolution": 32,
        "channels": 1,
        "generator": dict(NETWORK),
        "discriminator": dict(NETWORK),
        "loss": {"name": "wasserstein", "drift": 0.001},
        "regularizers": {"gradient_penalty": {"weight": 10.0}},
        "optimizers": {"d": dict(ADAM_PGGAN), "g": dict(ADAM_PGGAN)},
        "dataset": {"name": "mnist", "resize": "pad"},  # 28x28 digits centred on a 32x32 canvas
        "batch_size": 64,
        "steps": 10000,
        "precision": "auto",
        "jit_compile": "auto",
        "seed": 0,
    }


register_preset("progressive_gan", _progressive_gan())
