"""keras_gans: GANs that converge, for TensorFlow / Keras 3.

Sub-packages load on first use (PEP 562), so ``import keras_gans`` and the command line's ``--help`` and
``list`` do not import TensorFlow. TensorFlow's native log lines are hidden unless ``KERAS_GANS_VERBOSE=1``
(``keras_gans.quiet_import``)."""

import importlib as _importlib
import os as _os

_os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from keras_gans import quiet_import as _quiet_import  # noqa: E402

_quiet_import.install()  # TensorFlow's native start-up lines hidden (KERAS_GANS_VERBOSE=1 shows them)

__version__ = "0.1.0"

_SUBMODULES = ("callbacks", "data", "distribute", "losses", "metrics", "models", "networks", "regularizers", "zoo",
               "layers", "dynamics", "augmentations", "runs", "export", "images", "health")
_FROM_MODELS = ("GAN", "WGAN", "NonFiniteError")
_FROM_RUNS = ("load_run",)


def __getattr__(name):
    if name in _SUBMODULES:
        return _importlib.import_module(f"keras_gans.{name}")
    if name in _FROM_MODELS:
        return getattr(_importlib.import_module("keras_gans.models"), name)
    if name in _FROM_RUNS:
        return getattr(_importlib.import_module("keras_gans.runs"), name)
    raise AttributeError(f"module 'keras_gans' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES) + list(_FROM_MODELS) + list(_FROM_RUNS))
