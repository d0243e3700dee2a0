"""A trained generator outside Python's keras_gans: a SavedModel (``saved_model``) computing in float32
(``float32``), and converters to other runtimes (``formats``: TFLite / LiteRT, ONNX), each checked on export
against the SavedModel (``agreement``)."""

from keras_gans.export.float32 import float32_copy
from keras_gans.export.saved_model import check_export_target, export_generator, hashed_generator, to_uint8

__all__ = ["check_export_target", "export_generator", "float32_copy", "hashed_generator", "to_uint8"]
