"""The preset registry: ``register_preset``, ``resolve``, ``load`` and ``list_presets``."""

import copy

from keras_gans.registry import Registry
from keras_gans.zoo.overrides import apply_overrides
from keras_gans.zoo.validation import validate_preset

PRESETS = Registry("preset")

REQUIRED = ("description", "reference", "model", "generator", "discriminator", "loss", "optimizers", "dataset", "batch_size")

# How a preset runs rather than what it trains: every preset has these keys (so ``--set`` reaches them);
# a preset may give its own values.
# - ``precision``, ``jit_compile``: "auto" picks per device (``keras_gans.runtime``);
# - ``sync_batch_norm``: batch norm in G and D normalises with the global batch's statistics (an
#   all-reduce of mean and variance per layer under tf.distribute; nothing on one replica), so N replicas
#   train as one: on by default, because GAN discriminators are sensitive to per-replica statistics of
#   small per-replica batches (8 TPU cores at batch 256 see 32 images each) and the results would depend on
#   the number of devices; ``false`` saves the all-reduce where per-replica batches are large;
# - ``steps_per_execution``: training steps per call of the compiled function (TPUs: fewer host round
#   trips; callbacks then see every N-th step).
RUNTIME = {"precision": "auto", "jit_compile": "auto", "sync_batch_norm": True, "steps_per_execution": 1, "seed": 0}

# The component sections of ``GAN.compile``, empty unless a preset fills them (so ``--set`` reaches every
# one, e.g. ``--set regularizers.r1.weight=1``); each component checks its own parameters.
COMPONENTS = {"regularizers": {}, "g_regularizers": {}, "d_input_transforms": {}, "replay_buffer": None}

# Class conditioning (``keras_gans.zoo.conditional``): ``conditional=true`` turns an image preset into its
# conditional version; ``num_classes`` comes from the data (keras-gans train reads it) or from the caller.
CONDITIONING = {"conditional": False, "num_classes": None}


def register_preset(name, preset):
    missing = [k for k in REQUIRED if k not in preset]
    if missing:
        raise ValueError(f"preset {name!r} lacks {', '.join(missing)}.")
    return PRESETS.register(name, {**RUNTIME, **COMPONENTS, **CONDITIONING, **preset})


def resolve(name, **overrides):
    """The preset ``name`` as a dict, with overrides applied (dotted keys or nested dicts)."""
    try:
        preset = copy.deepcopy(PRESETS.get(name))
    except KeyError as e:
        raise KeyError(e.args[0] + " See keras_gans.zoo.list() or `keras-gans list`.") from None
    from keras_gans.zoo.conditional import make_conditional

    preset = apply_overrides(preset, overrides)
    preset["preset"] = name
    return make_conditional(validate_preset(preset), require=False)


def load(name, strategy=None, **overrides):
    """A compiled GAN ready for ``fit``, built from preset ``name`` under ``strategy`` (default: current)."""
    from keras_gans.zoo.builder import build_gan

    return build_gan(resolve(name, **overrides), strategy=strategy)


def list_presets():
    """``{name: "description (reference)"}`` for every preset."""
    return {n: f"{PRESETS.get(n)['description']} ({PRESETS.get(n)['reference']})" for n in PRESETS.names()}
