"""Lazy access to TF-GAN's evaluation math on current TensorFlow.

``import tensorflow_gan`` fails on TensorFlow >= 2.16: its package root imports the removed
``tf.estimator`` (tensorflow/gan#55, #59). The metric code itself,
``tensorflow_gan/python/eval/classifier_metrics.py`` and its one helper ``eval_utils.py``, only needs
TensorFlow and TensorFlow Probability. ``classifier_metrics()`` executes those two files straight from the
installed package without running its ``__init__``; the parent packages they name in their imports are
stand-ins present only while the files execute, so nothing named ``tensorflow_gan`` is left behind in
``sys.modules``.
"""

import importlib.util
import pathlib
import sys
import types

_EVAL = ("tensorflow_gan", "python", "eval")
_cache = {}


def _eval_dir():
    spec = importlib.util.find_spec("tensorflow_gan")  # locates the package without importing it
    if spec is None or spec.origin is None:
        raise ImportError("TF-GAN is not installed; `pip install tensorflow-gan` (keras_gans depends on it).")
    return pathlib.Path(spec.origin).parent.joinpath(*_EVAL[1:])


def _execute(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _load():
    existing = sys.modules.get(".".join(_EVAL) + ".classifier_metrics")
    if existing is not None:  # TF-GAN imported normally (older TensorFlow): use it
        return existing
    folder = _eval_dir()
    names = [".".join(_EVAL[: i + 1]) for i in range(len(_EVAL))]
    saved = {n: sys.modules[n] for n in names if n in sys.modules}
    try:
        for n in names:
            package = types.ModuleType(n)
            package.__path__ = []
            sys.modules[n] = package
        eval_utils = _execute(names[-1] + ".eval_utils", folder / "eval_utils.py")
        sys.modules[names[-1]].eval_utils = eval_utils
        return _execute(names[-1] + ".classifier_metrics", folder / "classifier_metrics.py")
    finally:
        for n in names + [names[-1] + ".eval_utils", names[-1] + ".classifier_metrics"]:
            sys.modules.pop(n, None)
        sys.modules.update(saved)


def classifier_metrics():
    """TF-GAN's ``classifier_metrics`` module (loaded once, on first use)."""
    if "module" not in _cache:
        _cache["module"] = _load()
    return _cache["module"]
