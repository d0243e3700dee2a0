from keras_gans.registry import Registry

GENERATORS = Registry("generator network")
DISCRIMINATORS = Registry("discriminator network")


def build_generator(spec, **shared):
    """A generator from ``{"network": name, **params}``; ``shared`` (latent_dim, resolution, ...) fills gaps."""
    spec = dict(spec)
    return GENERATORS.get(spec.pop("network"))(**{**shared, **spec})


def build_discriminator(spec, **shared):
    spec = dict(spec)
    return DISCRIMINATORS.get(spec.pop("network"))(**{**shared, **spec})
