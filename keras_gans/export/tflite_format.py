"""A SavedModel export converted to TFLite (LiteRT) flatbuffers: float32, float16 weights, dynamic-range int8."""

import os
import warnings

import tensorflow as tf


class TFLiteFormat:
    """``keras-gans export RUN --format tflite``: one ``.tflite`` file per variant and serving signature of the
    export: ``generator_VARIANT.tflite`` holds ``serve``; ``generator_VARIANT.serve_truncated.tflite`` (a
    style-based G) and ``generator_VARIANT.serve_generator.tflite`` (a mixture) the others where the export has
    them (the converter keeps one signature of a SavedModel per file). The variants:

    - ``float32``: the graph as it is;
    - ``float16``: weights stored in float16 (half the size; computed in float32 on CPUs, float16 on GPUs);
    - ``dynamic_range``: weights quantised to int8 (TFLite's post-training dynamic-range quantisation, a quarter
      of the size; activations stay float).

    Run one with ``tf.lite.Interpreter`` (or ``ai_edge_litert.interpreter.Interpreter``):
    ``interpreter.get_signature_runner("serve")(z=z)["images"]``."""

    name = "tflite"
    variants = ("float32", "float16", "dynamic_range")
    signatures = ("serve", "serve_truncated", "serve_generator")  # those the export has
    extra = None  # TensorFlow converts it itself

    def check_installed(self):
        """Nothing to check: the converter is part of TensorFlow."""

    def convert(self, saved_model, out_dir, signatures):
        """{(variant, signature): path} of the files written into ``out_dir``."""
        paths = {}
        for variant in self.variants:
            for signature in signatures:
                converter = tf.lite.TFLiteConverter.from_saved_model(saved_model, signature_keys=[signature])
                if variant != "float32":
                    converter.optimizations = [tf.lite.Optimize.DEFAULT]
                if variant == "float16":
                    converter.target_spec.supported_types = [tf.float16]
                suffix = "" if signature == "serve" else f".{signature}"
                path = os.path.join(out_dir, f"generator_{variant}{suffix}.tflite")
                with open(path, "wb") as f:
                    f.write(converter.convert())
                paths[variant, signature] = path
        return paths

    def runner(self, path, signature):
        """``run(**inputs) -> {output name: array}`` of ``signature`` in the file at ``path``."""
        with warnings.catch_warnings():  # tf.lite.Interpreter announces its move to ai_edge_litert
            warnings.simplefilter("ignore")
            try:
                from ai_edge_litert.interpreter import Interpreter
            except ImportError:
                Interpreter = tf.lite.Interpreter
            interpreter = Interpreter(model_path=path)
        return interpreter.get_signature_runner(signature)
