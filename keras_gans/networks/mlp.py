"""Multi-layer perceptrons for low-dimensional data (the 2-D mixtures of VEEGAN / PacGAN). ``conditioning``
with ``num_classes``: G ``embed`` (a class embedding joined to z), D ``projection`` (Miyato & Koyama 2018);
the network then takes ``[input, labels]`` (``keras_gans.networks.conditioning``)."""

import keras

from keras_gans.networks import conditioning as cond
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
                  conditioning=None, num_classes=None, name="generator", **_):
    conditioning = cond.check_conditioning(conditioning, ("none", "embed"), "generator", num_classes)
    z = keras.Input((latent_dim,), name="z")
    labels = cond.label_input() if conditioning != "none" else None
    x = z if labels is None else cond.embedded_latent(z, labels, num_classes, dtype)
    x = _hidden(x, units, activation, slope_schedule, dtype)
    x = keras.layers.Dense(data_dim, dtype="float32", name="out")(x)
    return keras.Model(z if labels is None else [z, labels], x, name=name)


def mlp_discriminator(data_dim=2, units=(128, 128, 128), activation="relu", slope_schedule=None, dtype=None,
                      conditioning=None, num_classes=None, name="discriminator", **_):
    conditioning = cond.check_conditioning(conditioning, cond.DISCRIMINATOR_CONDITIONING, "discriminator", num_classes)
    inp = keras.Input((data_dim,), name="x")
    features = _hidden(inp, units, activation, slope_schedule, dtype)
    x = keras.layers.Dense(1, dtype="float32", name="logit")(features)
    if conditioning == "none":
        return keras.Model(inp, x, name=name)
    labels = cond.label_input()
    return keras.Model([inp, labels], cond.projected_logit(x, features, labels, num_classes), name=name)


GENERATORS.register("mlp", mlp_generator)
DISCRIMINATORS.register("mlp", mlp_discriminator)
