from keras_gans.registry import Registry

LOSSES = Registry("loss")


def get_loss(identifier, **kwargs):
    """A loss instance from a name (``"hinge"``), a dict ``{"name": ..., **params}`` or an instance."""
    from keras_gans.losses.base import GANLoss

    return LOSSES.instantiate(identifier, GANLoss, **kwargs)
