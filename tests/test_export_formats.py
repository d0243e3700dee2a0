"""The export for other runtimes: float32 whatever the training precision, every option a signature input, TFLite
and ONNX files checked against the SavedModel, and the converted models' images against the generator's own."""

import os
import sys

import numpy as np
import pytest
import tensorflow as tf

from keras_gans.export import float32_copy, to_uint8
from keras_gans.export.agreement import TOLERANCES, format_table
from keras_gans.export.formats import format_names
from keras_gans.cli.parser import EXPORT_FORMATS
from keras_gans.private_api import nested_layers
from tests.helpers import tiny_image_gan, tiny_stylegan


def _graph_dtypes(signature):
    graph = signature.graph.as_graph_def()
    nodes = list(graph.node) + [n for f in graph.library.function for n in f.node_def]
    return {tf.dtypes.as_dtype(n.attr["T"].type).name for n in nodes if "T" in n.attr and n.attr["T"].type}


def test_a_bfloat16_generator_exports_in_float32(tmp_path):
    gan = tiny_image_gan("dcgan", precision="mixed_bfloat16")
    net = gan.sampling_generator
    assert "bfloat16" in {layer.compute_dtype for layer in nested_layers(net)}
    twin = float32_copy(net)
    assert twin is not net and {layer.compute_dtype for layer in nested_layers(twin, include_self=True)} == {"float32"}
    z = np.random.default_rng(0).standard_normal((6, 8)).astype(np.float32)
    np.testing.assert_allclose(np.asarray(twin(z, training=False)), np.asarray(net(z, training=False), np.float32), atol=3e-2)
    assert float32_copy(twin) is twin  # a float32 generator is exported as it is
    path = gan.export_generator(str(tmp_path / "g"))
    serve = tf.saved_model.load(path).signatures["serve"]
    assert "bfloat16" not in _graph_dtypes(serve) and "float32" in _graph_dtypes(serve)
    np.testing.assert_array_equal(serve(z=tf.constant(z))["images"].numpy(), to_uint8(twin(z, training=False)).numpy())


def test_truncation_is_an_input_of_a_serving_signature(tmp_path):
    gan = tiny_stylegan()
    loaded = tf.saved_model.load(gan.export_generator(str(tmp_path / "g")))
    spec = loaded.signatures["serve_truncated"].structured_input_signature[1]
    assert sorted(spec) == ["truncation", "z"] and spec["truncation"].shape == ()
    z = np.random.default_rng(1).standard_normal((4, 8)).astype(np.float32)
    got = loaded.signatures["serve_truncated"](z=tf.constant(z), truncation=tf.constant(0.5))["images"].numpy()
    expected = to_uint8(gan.generate(z=z, truncation=0.5)).numpy()
    assert np.abs(got.astype(int) - expected.astype(int)).max() <= 1


def test_tflite_files_agree_with_the_generator(tmp_path):
    gan = tiny_image_gan("dcgan", precision="mixed_bfloat16")  # a bf16 graph cannot be converted: the export is float32
    gan.fit(np.random.default_rng(0).uniform(-1, 1, (16, 28, 28, 1)).astype(np.float32), batch_size=8, verbose=0)
    rows = gan.export_generator_as(str(tmp_path / "tfl"), "tflite")
    reference, rows = rows[0], rows[1:]
    assert reference.format == "saved_model" and reference.max_diff == 0 and reference.images_per_second > 0
    assert sorted(r.variant for r in rows) == ["dynamic_range", "float16", "float32"]
    assert all(r.within_tolerance for r in rows) and "generator_float32.tflite" in format_table(rows)
    sizes = {r.variant: r.size_bytes for r in rows}
    kernels = sum(int(np.prod(w.shape)) for w in gan.sampling_generator.weights if w.name == "kernel")
    assert sizes["float32"] >= 4 * kernels  # every weight in 4 bytes (batch norm folded into the kernels)
    assert sizes["float32"] - sizes["float16"] >= 1.5 * kernels  # ~2 bytes saved per weight, less the file overhead
    assert sizes["dynamic_range"] < sizes["float32"]  # (tensors under 1,024 weights stay float: a tiny G saves little)
    interpreter = tf.lite.Interpreter(model_path=str(tmp_path / "tfl" / "generator_float32.tflite"))
    z = np.random.default_rng(7).standard_normal((5, 8)).astype(np.float32)  # latents of the test's own
    images = interpreter.get_signature_runner("serve")(z=z)["images"]
    expected = to_uint8(float32_copy(gan.sampling_generator)(z, training=False)).numpy()
    assert images.dtype == np.uint8 and np.abs(images.astype(int) - expected.astype(int)).max() <= TOLERANCES["images"]["float32"][0]
    assert os.path.isfile(tmp_path / "tfl" / "saved_model" / "saved_model.pb")


def test_onnx_file_agrees_with_the_generator(tmp_path):
    import onnxruntime

    gan = tiny_image_gan("dcgan", conditional=True, num_classes=3)
    rows = gan.export_generator_as(str(tmp_path / "onnx"), "onnx")[1:]  # after the SavedModel's own row
    assert [(r.variant, r.signature) for r in rows] == [("float32", "serve")] and rows[0].within_tolerance
    session = onnxruntime.InferenceSession(str(tmp_path / "onnx" / "generator.onnx"))
    z = np.random.default_rng(8).standard_normal((6, 8)).astype(np.float32)
    labels = np.array([0, 1, 2, 2, 1, 0], np.int32)
    images = session.run(["images"], {"z": z, "labels": labels})[0]
    expected = to_uint8(gan.generate(z=z, labels=labels)).numpy()
    assert np.abs(images.astype(int) - expected.astype(int)).max() <= 1


def test_a_missing_converter_is_named_with_its_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "tf2onnx", None)  # as if the extra were not installed: importing it fails
    gan = tiny_image_gan("dcgan")
    with pytest.raises(ImportError, match=r"pip install 'keras_gans\[onnx\]'"):
        gan.export_generator_as(str(tmp_path / "onnx"), "onnx")
    assert not os.path.exists(tmp_path / "onnx")


def test_the_command_line_knows_every_format():
    assert sorted(EXPORT_FORMATS) == sorted(format_names())
