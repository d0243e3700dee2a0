"""The seam of generator regularisers: terms added to G's per-example loss inside G's tape."""

from keras_gans.component import Component
from keras_gans.registry import Registry

G_REGULARIZERS = Registry("generator regularizer")


class GeneratorRegularizer(Component):
    """``reg(gan, real, z, fake, seed) -> per-example penalty [batch]``, already weighted, where
    ``fake = gan.generator(z)`` was computed under G's tape. ``name`` (prefixed ``g_``) keys its value in
    the training logs.

    Args:
        weight: the term's weight (>= 0).

    Returns:
        G's per-example term, float32 ``[batch]``.

    Example:
        >>> @register_generator_regularizer("my_term")
        ... class MyTerm(GeneratorRegularizer):
        ...     def __call__(self, gan, real, z, fake, seed): ...
    """

    section = "g_regularizers"

    def __init__(self, weight=1.0):
        self.weight = self.number(weight, "weight", low=0.0)

    def __call__(self, gan, real, z, fake, seed):
        raise NotImplementedError


def register_generator_regularizer(name):
    return G_REGULARIZERS.register_class(name)


def get_generator_regularizer(identifier, **kwargs):
    return G_REGULARIZERS.instantiate(identifier, GeneratorRegularizer, **kwargs)
