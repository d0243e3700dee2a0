"""The seam of generator regularisers: terms added to G's per-example loss inside G's tape."""

from keras_gans.component import Component
from keras_gans.registry import Registry

G_REGULARIZERS = Registry("generator regularizer")


class GeneratorRegularizer(Component):
    """``reg(gan, real, z, fake, seed) -> per-example penalty [batch]``, already weighted, where
    ``fake = gan.generator(z)`` was computed under G's tape. ``name`` (prefixed ``g_``) keys its value in
    the training logs. In a conditional GAN ``gan.generator`` and ``gan.discriminator`` come bound to the
    fakes' labels (called as the unconditional networks are); a term that reaches inside the networks
    instead sets ``conditional = False`` and is refused there.

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
    conditional = True  # works in a conditional GAN (calls G and D only as gan.generator(z), gan.discriminator(x))

    def __init__(self, weight=1.0):
        self.weight = self.number(weight, "weight", low=0.0)

    def __call__(self, gan, real, z, fake, seed):
        raise NotImplementedError


def register_generator_regularizer(name):
    return G_REGULARIZERS.register_class(name)


def get_generator_regularizer(identifier, **kwargs):
    return G_REGULARIZERS.instantiate(identifier, GeneratorRegularizer, **kwargs)
