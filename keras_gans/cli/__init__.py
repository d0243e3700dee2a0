"""``keras-gans``: train | sample | export | eval | interpolate | project | plot | doctor | list | launch.

Exit codes: 0 done; 2 bad input, a missing or unwritable path (a message that says what to do, no
traceback unless ``KERAS_GANS_DEBUG=1``); 3 training stopped by the non-finite guard; 130 interrupted
(Ctrl-C) and 143 stopped by SIGTERM (a pre-emption), both with a checkpoint saved."""

import os
import sys

from keras_gans.cli.parser import EXIT_BAD_INPUT, EXIT_NONFINITE, build_parser

COMMANDS = {"train": ("keras_gans.cli.train", "cmd_train"), "sample": ("keras_gans.cli.commands", "cmd_sample"),
            "export": ("keras_gans.cli.commands", "cmd_export"), "eval": ("keras_gans.cli.commands", "cmd_eval"),
            "list": ("keras_gans.cli.commands", "cmd_list"),
            "interpolate": ("keras_gans.cli.latent", "cmd_interpolate"), "project": ("keras_gans.cli.latent", "cmd_project"),
            "plot": ("keras_gans.cli.health", "cmd_plot"), "doctor": ("keras_gans.cli.health", "cmd_doctor"), "launch": ("keras_gans.cli.launch", "cmd_launch")}


def _explain(e):
    """The message for a failure the user can act on, or None for a bug (shown with its traceback)."""
    from keras_gans.data.errors import DataError
    from keras_gans.models.nonfinite import NonFiniteError

    if isinstance(e, NonFiniteError):
        return str(e)
    if isinstance(e, KeyError):
        return e.args[0] if e.args else str(e)
    if isinstance(e, OSError) and e.errno is not None:
        where = f" ({e.filename})" if getattr(e, "filename", None) else ""
        advice = {28: "free some space or choose another --out", 13: "choose a writable --out", 1: "choose a writable --out",
                  30: "the file system is read-only; choose another --out"}.get(e.errno, "check the path")
        return f"{e.strerror or e}{where}: {advice}."
    if isinstance(e, (TypeError, ValueError, OSError, DataError)):
        return str(e)
    tf = sys.modules.get("tensorflow")
    if tf is not None and isinstance(e, tf.errors.OpError):
        text = (e.message or str(e)).strip().splitlines()[0]
        if isinstance(e, tf.errors.ResourceExhaustedError) or "No space left" in text:
            return f"{text}: the disk is full? Free some space or choose another --out."
        if isinstance(e, (tf.errors.PermissionDeniedError, tf.errors.NotFoundError, tf.errors.DataLossError,
                          tf.errors.FailedPreconditionError)):
            return f"{text}: check the path and its permissions."
    missing = sys.modules.get("keras_gans.export.converter_missing")
    if missing is not None and isinstance(e, missing.ConverterMissing):
        return str(e)
    extractor = sys.modules.get("keras_gans.metrics.extractors.base")
    if extractor is not None and isinstance(e, extractor.ExtractorUnavailable):
        return str(e)
    return None


def main(argv=None):
    """The console script. Called with ``argv=None`` (as ``keras-gans``), it also hides TensorFlow's
    native log lines unless ``--verbose`` (``keras_gans.cli.quiet``)."""
    args = build_parser().parse_args(argv)
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    if getattr(args, "verbose", False):
        from keras_gans.quiet_import import uninstall

        uninstall()
    elif argv is None:
        from keras_gans.cli.quiet import filter_native_stderr

        filter_native_stderr()
    module, name = COMMANDS[args.command]
    import importlib

    try:
        return getattr(importlib.import_module(module), name)(args) or 0
    except Exception as e:
        message = None if os.environ.get("KERAS_GANS_DEBUG") else _explain(e)
        if message is None:
            raise
        from keras_gans.models.nonfinite import NonFiniteError

        code = EXIT_NONFINITE if isinstance(e, NonFiniteError) else EXIT_BAD_INPUT
        print(f"keras-gans: error: {message}\n(KERAS_GANS_DEBUG=1 shows the traceback)", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
