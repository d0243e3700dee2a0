"""The loss registry: ``register_loss`` (a class decorator) and ``get_loss``."""

from keras_gans.losses.base import GANLoss
from keras_gans.registry import Registry

LOSSES = Registry("loss")


def register_loss(name):
    """Register a loss class under ``name`` and as a Keras-serializable object."""
    return LOSSES.register_class(name)


def get_loss(identifier, **kwargs):
    """A loss instance from a name (``"hinge"``), a dict ``{"name": ..., **params}`` or an instance."""
    return LOSSES.instantiate(identifier, GANLoss, **kwargs)
