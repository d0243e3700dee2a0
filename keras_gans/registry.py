"""A name -> object registry with helpful errors; losses, regularizers, networks, models and presets use it."""

import difflib
import inspect


def call_checked(fn, what, params, shared=None):
    """``fn(**shared_it_accepts, **params)``; a parameter in ``params`` that ``fn`` does not take is a
    TypeError that lists the valid ones (``shared`` values are passed only where accepted)."""
    accepted = _parameters(fn)
    unknown = [k for k in params if k not in accepted]
    if unknown:
        raise TypeError(f"{what} does not take {', '.join(map(repr, unknown))}; valid: {', '.join(accepted) or 'none'}.")
    return fn(**{**{k: v for k, v in (shared or {}).items() if k in accepted}, **params})


def _parameters(fn):
    """The keyword parameters ``fn`` takes; for a class of this package whose ``__init__`` passes ``**kwargs``
    on, its bases' of this package too (a model variant takes every parameter of ``GAN``)."""
    if not inspect.isclass(fn) or not fn.__module__.startswith("keras_gans"):
        return [p for p in inspect.signature(fn).parameters if p not in ("self", "args", "kwargs", "_")]
    names = []
    for cls in fn.__mro__:
        if "__init__" not in cls.__dict__:
            continue
        if not cls.__module__.startswith("keras_gans"):
            break
        params = inspect.signature(cls.__init__).parameters
        names += [p for p in params if p not in ("self", "args", "kwargs", "_") and p not in names]
        if not any(v.kind is inspect.Parameter.VAR_KEYWORD for v in params.values()):
            break
    return names


class Registry:
    def __init__(self, kind):
        self.kind = kind
        self._items = {}

    def register(self, name, obj=None):
        """``registry.register("name", obj)`` or ``@registry.register("name")``."""
        if obj is None:
            return lambda o: self.register(name, o)
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} is already registered.")
        self._items[name] = obj
        return obj

    def register_class(self, name):
        """Class decorator: sets ``cls.name``, registers it here and for ``keras.saving``."""
        import keras

        def wrap(cls):
            cls.name = name
            return self.register(name, keras.saving.register_keras_serializable(package="keras_gans")(cls))

        return wrap

    def get(self, name):
        if name not in self._items:
            raise KeyError(self.unknown_message(name))
        return self._items[name]

    def unknown_message(self, name):
        close = difflib.get_close_matches(str(name), self._items, n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        return f"Unknown {self.kind} {name!r}.{hint} Available: {', '.join(sorted(self._items))}."

    def instantiate(self, identifier, base, **kwargs):
        """An instance of ``base`` from a registered name, a dict ``{"name": ..., **params}`` or an
        instance (returned as is); parameters are checked against the class's signature."""
        if isinstance(identifier, base):
            return identifier
        if isinstance(identifier, dict):
            kwargs = {**identifier, **kwargs}
            identifier = kwargs.pop("name")
        return call_checked(self.get(identifier), f"{self.kind} {identifier!r}", kwargs)

    def names(self):
        return sorted(self._items)

    def __contains__(self, name):
        return name in self._items
