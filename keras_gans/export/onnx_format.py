"""A SavedModel export converted to ONNX by ``tf2onnx`` and run by ``onnxruntime`` (``pip install keras_gans[onnx]``)."""

import os

from keras_gans.export.converter_missing import ConverterMissing


class OnnxFormat:
    """``keras-gans export RUN --format onnx``: ``generator.onnx`` (opset 17), the export's ``serve`` graph
    (a mixture of generators: ``serve_generator``, which takes each latent's generator as an input: ONNX has
    no bit casts for the hash that ``serve`` picks it with). Its inputs and outputs carry the signature's
    names (``z``, ``labels``, ``generator``; ``images`` or ``points``)::

        import onnxruntime
        session = onnxruntime.InferenceSession("generator.onnx")
        images = session.run(["images"], {"z": z})[0]   # uint8 [N, H, W, C]"""

    name = "onnx"
    variants = ("float32",)
    signatures = ("serve_generator", "serve")  # the first of these the export has: one graph per file
    max_signatures = 1
    extra = "onnx"
    opset = 17

    def check_installed(self):
        """The converter and runtime modules (``tf2onnx``); ``ConverterMissing`` naming the extra where absent."""
        try:
            import onnxruntime  # noqa: F401
            import tf2onnx
        except ImportError as e:
            raise ConverterMissing(self.name, self.extra, e) from None
        return tf2onnx

    def convert(self, saved_model, out_dir, signatures):
        import tensorflow as tf

        tf2onnx = self.check_installed()
        loaded = tf.saved_model.load(saved_model)  # held by the function: the signature needs its variables
        spec = loaded.signatures[signatures[0]].structured_input_signature[1]
        names = sorted(spec)
        function = tf.function(lambda *args: loaded.signatures[signatures[0]](**dict(zip(names, args))))
        path = os.path.join(out_dir, "generator.onnx")
        tf2onnx.convert.from_function(function, input_signature=[spec[n] for n in names], opset=self.opset,
                                      output_path=path)
        return {("float32", signatures[0]): path}

    def runner(self, path, signature):
        self.check_installed()
        import onnxruntime

        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        outputs = [o.name for o in session.get_outputs()]

        def run(**inputs):
            return dict(zip(outputs, session.run(outputs, inputs)))

        return run
