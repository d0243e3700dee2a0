"""TensorFlow's native log lines (``I0000 ... cpu_feature_guard.cc``, ``E0000 ... cuInit``, grappler's
``remapper failed``) are written by C++ straight to file descriptor 2, where ``TF_CPP_MIN_LOG_LEVEL``
does not reach all of them. ``filter_native_stderr`` points descriptor 2 at a pipe whose reader drops
lines in absl's or TensorFlow's log format (levels I, W, E; a fatal ``F`` line passes) and forwards
everything else; Python's own ``sys.stderr`` (messages, progress bars, tracebacks) writes to the real
terminal directly. Python-side loggers of TensorFlow, absl and Keras are set to errors only."""

import logging
import os
import sys
import threading
import warnings

from keras_gans.quiet_import import NATIVE_LOG


def _pump(read_fd, write_fd):
    pending = b""
    while True:
        try:
            chunk = os.read(read_fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        pending += chunk
        *lines, pending = pending.split(b"\n")
        out = b"".join(line + b"\n" for line in lines if not NATIVE_LOG.match(line))
        if out:
            os.write(write_fd, out)


def filter_native_stderr():
    """Install the filter (once per process, before TensorFlow is imported)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.stderr.flush()
    terminal = os.dup(2)
    read_fd, write_fd = os.pipe()
    os.dup2(write_fd, 2)
    os.close(write_fd)
    sys.stderr = os.fdopen(terminal, "w", buffering=1, closefd=False)
    threading.Thread(target=_pump, args=(read_fd, terminal), daemon=True, name="native-stderr-filter").start()
    quiet_python_loggers()


def quiet_python_loggers():
    for name in ("tensorflow", "absl", "keras", "tensorflow_datasets", "h5py", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"(tensorflow|keras|tensorflow_datasets|absl)(\.|$)")
    try:
        from absl import logging as absl_logging

        absl_logging.set_verbosity(absl_logging.ERROR)
    except ImportError:  # pragma: no cover
        pass
