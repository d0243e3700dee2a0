"""The seam of generator regularisers: terms added to G's per-example loss inside G's tape."""

from keras_gans.registry import Registry

G_REGULARIZERS = Registry("generator regularizer")


class GeneratorRegularizer:
    """``reg(gan, real, z, fake, seed) -> per-example penalty [batch]``, already weighted, where
    ``fake = gan.generator(z)`` was computed under G's tape. ``name`` (prefixed ``g_``) keys its value in
    the training logs."""

    name = None

    def __init__(self, weight=1.0):
        self.weight = float(weight)

    def __call__(self, gan, real, z, fake, seed):
        raise NotImplementedError

    def build(self, gan):
        """Create any state (in the strategy's scope; ``GAN.compile`` calls it)."""

    def state(self):
        return []

    def get_config(self):
        return {"weight": self.weight}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def register_generator_regularizer(name):
    return G_REGULARIZERS.register_class(name)


def get_generator_regularizer(identifier, **kwargs):
    return G_REGULARIZERS.instantiate(identifier, GeneratorRegularizer, **kwargs)
