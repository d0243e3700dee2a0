"""The preset registry: ``register_preset``, ``resolve``, ``load`` and ``list_presets``."""

import copy

from keras_gans.registry import Registry
from keras_gans.zoo.overrides import apply_overrides
from keras_gans.zoo.validation import validate_preset

PRESETS = Registry("preset")

REQUIRED = ("description", "reference", "model", "generator", "discriminator", "loss", "optimizers", "dataset", "batch_size")


def register_preset(name, preset):
    missing = [k for k in REQUIRED if k not in preset]
    if missing:
        raise ValueError(f"preset {name!r} lacks {', '.join(missing)}.")
    return PRESETS.register(name, preset)


def resolve(name, **overrides):
    """The preset ``name`` as a dict, with overrides applied (dotted keys or nested dicts)."""
    try:
        preset = copy.deepcopy(PRESETS.get(name))
    except KeyError as e:
        raise KeyError(e.args[0] + " See keras_gans.zoo.list() or `keras-gans list`.") from None
    preset = apply_overrides(preset, overrides)
    preset["preset"] = name
    return validate_preset(preset)


def load(name, strategy=None, **overrides):
    """A compiled GAN ready for ``fit``, built from preset ``name`` under ``strategy`` (default: current)."""
    from keras_gans.zoo.builder import build_gan

    return build_gan(resolve(name, **overrides), strategy=strategy)


def list_presets():
    """``{name: "description (reference)"}`` for every preset."""
    return {n: f"{PRESETS.get(n)['description']} ({PRESETS.get(n)['reference']})" for n in PRESETS.names()}
