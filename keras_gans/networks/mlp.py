"""Multi-layer perceptrons for low-dimensional data (the 2-D mixtures of VEEGAN / PacGAN)."""

import keras

from keras_gans.layers.scheduled_leaky_relu import ScheduledLeakyReLU
from keras_gans.networks.registry import DISCRIMINATORS, GENERATORS
from keras_gans.registry import call_checked


def _activation(activation, slope_schedule, dtype, name):
    """A Keras activation, or with ``slope_schedule={"start", "end", "decay_steps"}`` a LeakyReLU whose
    slope decays with the training step (``ScheduledLeakyReLU``)."""
    if slope_schedule:
        return call_checked(ScheduledLeakyReLU, "slope_schedule", dict(slope_schedule), {"dtype": dtype, "name": name})
    return keras.layers.Activation(activation, dtype=dtype, name=name)


def _hidden(x, units, activation, slope_schedule, dtype):
    for i, u in enumerate(units):
        x = keras.layers.Dense(u, dtype=dtype, name=f"dense_{i}")(x)
        x = _activation(activation, slope_schedule, dtype, f"act_{i}")(x)
    return x


def mlp_generator(latent_dim=2, data_dim=2, units=(128, 128, 128), activation="relu", slope_schedule=None, dtype=None,
                  name="generator", **_):
    z = keras.Input((latent_dim,), name="z")
    x = _hidden(z, units, activation, slope_schedule, dtype)
    x = keras.layers.Dense(data_dim, dtype="float32", name="out")(x)
    return keras.Model(z, x, name=name)


def mlp_discriminator(data_dim=2, units=(128, 128, 128), activation="relu", slope_schedule=None, dtype=None,
                      name="discriminator", **_):
    inp = keras.Input((data_dim,), name="x")
    x = _hidden(inp, units, activation, slope_schedule, dtype)
    x = keras.layers.Dense(1, dtype="float32", name="logit")(x)
    return keras.Model(inp, x, name=name)


GENERATORS.register("mlp", mlp_generator)
DISCRIMINATORS.register("mlp", mlp_discriminator)
