"""The seam of discriminator regularisers: a serializable callable that owns its own tape."""

import tensorflow as tf

from keras_gans.component import Component
from keras_gans.registry import Registry

REGULARIZERS = Registry("regularizer")


class Regularizer(Component):
    """``reg(discriminator, real, fake, seed) -> per-example penalty [batch]``, already weighted.

    Called inside the discriminator step's tape, so its value is differentiated with respect to D's
    weights. ``seed`` is the model's ``keras.random.SeedGenerator`` for any random draw. ``name`` is
    the key of its value in the training logs. In a conditional GAN ``discriminator`` comes bound to the labels
    of the batch the penalty ``judges`` (``"real"``, or ``"fake"``: the labels drawn for the fakes) and is
    called as the unconditional D is.

    Args:
        weight: the penalty's weight (>= 0).
        every: lazy regularisation: computed on every ``every``-th D step only, times ``every``.

    Returns:
        the weighted per-example penalty, float32 ``[batch]``.

    Example:
        >>> @register_regularizer("my_penalty")
        ... class MyPenalty(Regularizer):
        ...     def __call__(self, discriminator, real, fake, seed): ...
    """

    section = "regularizers"
    judges = "real"  # whose labels condition D in a conditional GAN: "real" (the data's) or "fake" (the drawn ones)

    def __init__(self, weight=1.0, every=1):
        self.weight = self.number(weight, "weight", low=0.0)
        self.every = self.whole(every, "every", 1)

    def __call__(self, discriminator, real, fake, seed):
        raise NotImplementedError

    def apply(self, discriminator, real, fake, seed, step):
        """The penalty on D step ``step`` (0-based). Lazy regularisation (StyleGAN2, Karras et al. 2020,
        sec. 3.1): with ``every = k`` it is computed on every k-th step only, multiplied by k so its
        average strength is unchanged, and is 0 in between."""
        _, penalty = self.lazily(step, lambda: self(discriminator, real, fake, seed), lambda: tf.shape(real)[0])
        return penalty if self.every == 1 else float(self.every) * penalty


def register_regularizer(name):
    """Register a regularizer class under ``name`` and as a Keras-serializable object."""
    return REGULARIZERS.register_class(name)


def get_regularizer(identifier, **kwargs):
    """An instance from a name, a dict ``{"name": ..., **params}`` or an instance."""
    return REGULARIZERS.instantiate(identifier, Regularizer, **kwargs)
