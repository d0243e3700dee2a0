"""The Python API as quiet as the command line: TensorFlow's native start-up lines (``port.cc`` oneDNN,
``cudart_stub.cc``, ``cpu_feature_guard.cc``, ``cuInit``) are written by C++ to file descriptor 2 before
``TF_CPP_MIN_LOG_LEVEL`` is read, so no setting hides them. When ``keras_gans`` is imported before
TensorFlow, the first ``import tensorflow`` (by keras_gans, Keras or the user) runs with descriptor 2 pointed
at a temporary file, together with the first device query (where ``cuInit`` speaks); afterwards every line of
that file that is not in absl's or TensorFlow's log format is written back to the real stderr, so warnings
and errors of Python still show. Later native lines obey ``TF_CPP_MIN_LOG_LEVEL``, set to 3 (fatal only)
unless already set. ``KERAS_GANS_VERBOSE=1`` leaves everything as TensorFlow writes it."""

import importlib.abc
import importlib.machinery
import os
import re
import sys
import tempfile

NATIVE_LOG = re.compile(
    rb"^(?:[IWE]\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ \S+:\d+\]"  # absl: I0000 00:00:1795522897.226540 2205 port.cc:153]
    rb"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWE] \S+\]"  # tensorflow: 2026-11-24 12:00:00.000000: I tensorflow/...]
    rb"|WARNING: All log messages before absl::InitializeLog\(\)"
    rb"|To enable the following instructions: )"
)


def native_lines_removed(text):
    """``text`` (bytes) without the lines in absl's or TensorFlow's log format."""
    return b"".join(line for line in text.splitlines(keepends=True) if not NATIVE_LOG.match(line))


class _QuietLoader(importlib.abc.Loader):
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        sys.stderr.flush()
        saved = os.dup(2)
        with tempfile.TemporaryFile() as caught:
            os.dup2(caught.fileno(), 2)
            try:
                self.loader.exec_module(module)
                try:
                    module.config.list_physical_devices()  # device discovery: cuInit's line, while still caught
                except Exception:  # a broken driver: TensorFlow says so again where devices are used
                    pass
            finally:
                sys.stderr.flush()
                os.dup2(saved, 2)
                os.close(saved)
                caught.seek(0)
                kept = native_lines_removed(caught.read())
                if kept:
                    os.write(2, kept)


class _QuietTensorFlowFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "tensorflow":
            return None
        sys.meta_path.remove(self)  # once: the real finder answers from now on
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _QuietLoader(spec.loader)
        return spec


def install():
    """Hide TensorFlow's native start-up lines in this process (a no-op once TensorFlow is imported, or with
    ``KERAS_GANS_VERBOSE=1``)."""
    if os.environ.get("KERAS_GANS_VERBOSE") or "tensorflow" in sys.modules:
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if not any(isinstance(f, _QuietTensorFlowFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietTensorFlowFinder())


def uninstall():
    """Let TensorFlow write as it does (``--verbose``): the hook removed before TensorFlow is imported."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _QuietTensorFlowFinder)]
    os.environ["KERAS_GANS_VERBOSE"] = "1"
