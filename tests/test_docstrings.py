"""Every public class of the library documents itself the Keras way: ``Args:`` for its constructor's
parameters (where it takes any, each one named) and an ``Example:``."""

import importlib
import inspect

import pytest

PACKAGES = ["keras_gans.models", "keras_gans.losses", "keras_gans.regularizers", "keras_gans.augmentations",
            "keras_gans.dynamics", "keras_gans.dynamics.games", "keras_gans.layers", "keras_gans.metrics",
            "keras_gans.callbacks", "keras_gans.data", "keras_gans.networks"]


def _public_classes():
    seen = {}
    for package in PACKAGES:
        for name, obj in sorted(vars(importlib.import_module(package)).items()):
            if inspect.isclass(obj) and not name.startswith("_") and obj.__module__.startswith(package) \
                    and not issubclass(obj, Exception):
                seen.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return seen


CLASSES = _public_classes()


def _parameters(cls):
    if "__init__" not in vars(cls):
        return []
    return [p for p in inspect.signature(cls.__init__).parameters if p not in ("self", "args", "kwargs")]


def test_the_walk_finds_the_public_classes():
    assert len(CLASSES) >= 70 and "keras_gans.models.gan.GAN" in CLASSES


@pytest.mark.parametrize("path", sorted(CLASSES))
def test_a_public_class_has_args_and_an_example(path):
    cls = CLASSES[path]
    doc = inspect.getdoc(cls) or ""
    assert "Example:" in doc, f"{path} has no Example: section"
    params = _parameters(cls)
    if params:
        assert "Args:" in doc, f"{path} takes {params} but has no Args: section"
        args = doc.split("Args:", 1)[1]
        missing = [p for p in params if f"{p}:" not in args]
        assert not missing, f"{path}: Args: does not describe {missing}"
