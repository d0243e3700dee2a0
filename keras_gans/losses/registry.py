from keras_gans.registry import Registry

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
    cls = LOSSES.get(identifier)
    import inspect

    valid = [p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "args", "kwargs")]
    unknown = [k for k in kwargs if k not in valid]
    if unknown:
        raise TypeError(f"loss {identifier!r} does not take {', '.join(map(repr, unknown))}; valid: {', '.join(valid) or 'none'}.")
    return cls(**kwargs)
