"""The seam of discriminator regularisers: a serializable callable that owns its own tape."""

from keras_gans.registry import Registry, call_checked

REGULARIZERS = Registry("regularizer")


class Regularizer:
    """``reg(discriminator, real, fake, seed) -> per-example penalty [batch]``, already weighted.

    Called inside the discriminator step's tape, so its value is differentiated with respect to D's
    weights. ``seed`` is the model's ``keras.random.SeedGenerator`` for any random draw. ``name`` is
    the key of its value in the training logs.
    """

    name = None

    def __init__(self, weight=1.0):
        self.weight = float(weight)

    def __call__(self, discriminator, real, fake, seed):
        raise NotImplementedError

    def get_config(self):
        return {"weight": self.weight}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def register_regularizer(name):
    """Register a regularizer class under ``name`` and as a Keras-serializable object."""
    return REGULARIZERS.register_class(name)


def get_regularizer(identifier, **kwargs):
    """An instance from a name, a dict ``{"name": ..., **params}`` or an instance."""
    if isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, dict):
        kwargs = {**identifier, **kwargs}
        identifier = kwargs.pop("name")
    return call_checked(REGULARIZERS.get(identifier), f"regularizer {identifier!r}", kwargs)
