"""``keras-gans export RUN --format F``: the registry of formats and the export of a generator into one, checked
against the SavedModel it was converted from (``agreement``)."""

import os
import shutil
import tempfile

from keras_gans.export.agreement import Agreement, check_batch
from keras_gans.export.onnx_format import OnnxFormat
from keras_gans.export.saved_model import check_export_target, export_generator
from keras_gans.export.tflite_format import TFLiteFormat
from keras_gans.registry import Registry

FORMATS = Registry("export format")
FORMATS.register("tflite", TFLiteFormat)
FORMATS.register("onnx", OnnxFormat)


def format_names():
    return ("saved_model", *FORMATS.names())


def export_format(generator, out_dir, name, class_names=None, num_classes=None, mixture=None, check_n=16):
    """Convert ``generator`` into format ``name`` in the new folder ``out_dir`` through a float32 SavedModel
    (kept in ``out_dir/saved_model``); every converted file's signatures are run on ``check_n`` fixed latents
    (seed 0) and compared with the SavedModel's outputs. Returns the ``Agreement`` rows, the SavedModel's own
    first (its images/s, for comparison); raises ``ValueError`` (and
    writes nothing) where a file disagrees beyond its tolerance."""
    fmt = FORMATS.get(name)()
    fmt.check_installed()  # a missing converter is named before any work
    check_export_target(out_dir)
    os.makedirs(os.path.dirname(os.path.abspath(out_dir)), exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".export-", dir=os.path.dirname(os.path.abspath(out_dir)) or ".")
    try:
        saved_model = export_generator(generator, os.path.join(staging, "saved_model"), class_names=class_names,
                                       mixture=mixture)
        import tensorflow as tf

        available = tf.saved_model.load(saved_model).signatures
        signatures = [s for s in fmt.signatures if s in available]
        signatures = signatures[: getattr(fmt, "max_signatures", None)]
        paths = fmt.convert(saved_model, staging, signatures)
        first = signatures[0]
        rows = [Agreement.reference(saved_model, first, available[first],
                                    check_batch(available[first], check_n, num_classes=num_classes, generators=mixture))]
        for (variant, signature), path in paths.items():
            inputs = check_batch(available[signature], check_n, num_classes=num_classes, generators=mixture)
            rows.append(Agreement.measure(fmt.name, variant, path, signature, available[signature],
                                          fmt.runner(path, signature), inputs))
        bad = [row for row in rows if not row.within_tolerance]
        if bad:
            raise ValueError("the converted generator disagrees with the SavedModel beyond its tolerance: " +
                             "; ".join(row.describe() for row in bad) + f". Nothing was written to {out_dir}.")
        if os.path.isdir(out_dir):
            shutil.rmtree(out_dir)
        os.replace(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return rows
