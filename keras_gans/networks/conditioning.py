"""Class conditioning as an option of the existing networks (``generator.conditioning``,
``discriminator.conditioning``), not a copy of them. A conditional network takes ``[input, labels]`` (int32
class indices [B]); with ``conditioning="none"`` it is the unconditional network, unchanged.

- G ``embed``: a learned class embedding (``latent_dim`` wide) joined to z before G's first layer (the
  conditional GAN of Mirza & Osindero 2014, with an embedding instead of a one-hot code).
- G ``cbn``: every batch normalisation of G becomes ``ConditionalBatchNormalization`` (per-class scale and
  shift; de Vries et al. 2017, Miyato & Koyama 2018).
- D ``projection``: D's logit plus ``ClassProjection`` of its features (Miyato & Koyama 2018, eq. 3)."""

import keras

from keras_gans.layers import ClassProjection, ConditionalBatchNormalization

GENERATOR_CONDITIONING = ("none", "embed", "cbn")
DISCRIMINATOR_CONDITIONING = ("none", "projection")


def check_conditioning(value, allowed, where, num_classes, norm=None):
    """``value`` normalised ("none" for None), or a ``ValueError`` that says what is allowed."""
    value = "none" if value in (None, False) else value
    if value not in allowed:
        raise ValueError(f"{where}.conditioning must be one of {', '.join(allowed)}, got {value!r}.")
    if value != "none" and (isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 2):
        raise ValueError(f"{where}.conditioning={value!r} needs {where}.num_classes, a whole number >= 2 (the data's "
                         f"classes), got {num_classes!r}.")
    if value == "cbn" and norm != "batch":
        raise ValueError(f"{where}.conditioning='cbn' makes G's batch normalisations class-conditional, so it needs "
                         f"{where}.norm='batch', got {norm!r}.")
    return value


def label_input():
    return keras.Input((), dtype="int32", name="label")


def embedded_latent(z, labels, num_classes, dtype=None):
    """z joined with a learned embedding of the class (as wide as z)."""
    embedding = keras.layers.Embedding(num_classes, z.shape[-1], dtype=dtype, name="class_embedding")(labels)
    return keras.layers.Concatenate(dtype=dtype, name="z_and_class")([z, embedding])


def conditional_norm(x, labels, num_classes, dtype, name):
    """Class-conditional batch norm with the statistics of the networks' own batch norm (momentum 0.9,
    epsilon 1e-5, synchronised across replicas)."""
    layer = ConditionalBatchNormalization(num_classes, momentum=0.9, epsilon=1e-5, synchronized=True, dtype=dtype, name=name)
    return layer([x, labels])


def projected_logit(logit, features, labels, num_classes):
    """D's logit plus the projection of its features on the class embedding."""
    projection = ClassProjection(num_classes, dtype="float32", name="class_projection")([features, labels])
    return keras.layers.Add(dtype="float32", name="logit_and_projection")([logit, projection])
