from keras_gans.registry import Registry, call_checked

LOSSES = Registry("loss")


def get_loss(identifier, **kwargs):
    """A loss instance from a name (``"hinge"``), a dict ``{"name": ..., **params}`` or an instance."""
    from keras_gans.losses.base import GANLoss

    if isinstance(identifier, GANLoss):
        return identifier
    if isinstance(identifier, dict):
        identifier = dict(identifier)
        kwargs = {**identifier, **kwargs}
        identifier = kwargs.pop("name")
    return call_checked(LOSSES.get(identifier), f"loss {identifier!r}", kwargs)
