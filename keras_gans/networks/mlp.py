"""Multi-layer perceptrons for low-dimensional data (the 2-D mixtures of VEEGAN / PacGAN)."""

import keras

from keras_gans.networks.registry import DISCRIMINATORS, GENERATORS


def mlp_generator(latent_dim=2, data_dim=2, units=(128, 128, 128), activation="relu", dtype=None, name="generator", **_):
    z = keras.Input((latent_dim,), name="z")
    x = z
    for i, u in enumerate(units):
        x = keras.layers.Dense(u, activation=activation, dtype=dtype, name=f"dense_{i}")(x)
    x = keras.layers.Dense(data_dim, dtype="float32", name="out")(x)
    return keras.Model(z, x, name=name)


def mlp_discriminator(data_dim=2, units=(128, 128, 128), activation="relu", dtype=None, name="discriminator", **_):
    inp = keras.Input((data_dim,), name="x")
    x = inp
    for i, u in enumerate(units):
        x = keras.layers.Dense(u, activation=activation, dtype=dtype, name=f"dense_{i}")(x)
    x = keras.layers.Dense(1, dtype="float32", name="logit")(x)
    return keras.Model(inp, x, name=name)


GENERATORS.register("mlp", mlp_generator)
DISCRIMINATORS.register("mlp", mlp_discriminator)
