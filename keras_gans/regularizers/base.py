"""The seam of discriminator regularisers: a serializable callable that owns its own tape."""

import tensorflow as tf

from keras_gans.registry import Registry

REGULARIZERS = Registry("regularizer")


class Regularizer:
    """``reg(discriminator, real, fake, seed) -> per-example penalty [batch]``, already weighted.

    Called inside the discriminator step's tape, so its value is differentiated with respect to D's
    weights. ``seed`` is the model's ``keras.random.SeedGenerator`` for any random draw. ``name`` is
    the key of its value in the training logs.
    """

    name = None

    def __init__(self, weight=1.0, every=1):
        self.weight = float(weight)
        self.every = int(every)
        if self.every < 1:
            raise ValueError(f"every must be >= 1, got {every}.")

    def __call__(self, discriminator, real, fake, seed):
        raise NotImplementedError

    def build(self, gan):
        """Create any state (in the strategy's scope; ``GAN.compile`` calls it)."""

    def state(self):
        """Variables that checkpoints keep."""
        return []

    def apply(self, discriminator, real, fake, seed, step):
        """The penalty on D step ``step`` (0-based). Lazy regularisation (StyleGAN2, Karras et al. 2020,
        sec. 3.1): with ``every = k`` it is computed on every k-th step only, multiplied by k so its
        average strength is unchanged, and is 0 in between."""
        if self.every == 1:
            return self(discriminator, real, fake, seed)
        return tf.cond(
            tf.equal(tf.math.floormod(step, self.every), 0),
            lambda: float(self.every) * self(discriminator, real, fake, seed),
            lambda: tf.zeros([tf.shape(real)[0]], tf.float32),
        )

    def get_config(self):
        return {"weight": self.weight, "every": self.every}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def register_regularizer(name):
    """Register a regularizer class under ``name`` and as a Keras-serializable object."""
    return REGULARIZERS.register_class(name)


def get_regularizer(identifier, **kwargs):
    """An instance from a name, a dict ``{"name": ..., **params}`` or an instance."""
    return REGULARIZERS.instantiate(identifier, Regularizer, **kwargs)
