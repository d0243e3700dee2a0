"""The exported SavedModel runs without keras_gans and reproduces the in-process generator."""

import json
import os
import subprocess
import sys

import numpy as np

from keras_gans.export import to_uint8
from tests.helpers import tiny_image_gan, toy_gan

LOADER = """
import json, sys
import numpy as np, tensorflow as tf
assert "keras_gans" not in sys.modules
z = np.array(json.loads(sys.argv[2]), np.float32)
kwargs = json.loads(sys.argv[4])
out = tf.saved_model.load(sys.argv[1]).signatures[sys.argv[3]](z=tf.constant(z), **{k: tf.constant(v, tf.float32) for k, v in kwargs.items()})
key, = out
print(json.dumps({"key": key, "dtype": out[key].dtype.name, "value": out[key].numpy().tolist()}))
"""


def run_fresh(path, z, signature="serve", **inputs):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    argv = [sys.executable, "-c", LOADER, path, json.dumps(z.tolist()), signature, json.dumps(inputs)]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_image_generator_export(tmp_path):
    gan = tiny_image_gan("dcgan")
    gan.fit(np.random.default_rng(0).uniform(-1, 1, (8, 28, 28, 1)).astype(np.float32), batch_size=8, verbose=0)
    z = np.random.default_rng(1).standard_normal((5, gan.latent_dim)).astype(np.float32)
    path = gan.export_generator(str(tmp_path / "generator"))
    out = run_fresh(path, z)
    assert out["key"] == "images" and out["dtype"] == "uint8"
    images = np.array(out["value"], np.uint8)
    assert images.shape == (5, 28, 28, 1)
    expected = to_uint8(gan.generate(z=z)).numpy()
    np.testing.assert_array_equal(images, expected)
    assert np.array_equal(expected, np.clip(np.round((gan.generate(z=z) + 1) * 127.5), 0, 255).astype(np.uint8))


def test_toy_generator_exports_points(tmp_path):
    gan = toy_gan()
    z = np.random.default_rng(2).standard_normal((7, gan.latent_dim)).astype(np.float32)
    out = run_fresh(gan.export_generator(str(tmp_path / "g")), z)
    assert out["key"] == "points" and out["dtype"] == "float32"
    np.testing.assert_allclose(np.array(out["value"]), gan.generate(z=z), rtol=1e-5, atol=1e-6)


def test_the_smoothest_signature_keeps_what_generate_keeps(tmp_path):
    """``smoothest(z, keep)`` in a process without keras_gans: G of the same latents ``JacobianTruncation`` keeps
    (same directions), in the order given."""
    from keras_gans.models.jacobian_truncation import JacobianTruncation

    gan = tiny_image_gan("dcgan")
    rng = np.random.default_rng(0)
    for w in gan.generator.trainable_weights:  # kernels far from DCGAN's N(0, 0.02) start: images, not flat grey
        if len(w.shape) > 1:
            w.assign(rng.normal(0.0, 0.5, w.shape).astype(np.float32))
    z = np.random.default_rng(3).standard_normal((20, gan.latent_dim)).astype(np.float32)
    out = run_fresh(gan.export_generator(str(tmp_path / "generator")), z, "smoothest", keep=0.5)
    images = np.array(out["value"], np.uint8)
    kept = JacobianTruncation(0.5).kept(gan.sampling_generator, z, 10)
    assert images.shape == (10, 28, 28, 1) and len(set(kept)) == 10
    expected = to_uint8(gan.generate(z=z[kept])).numpy().astype(int)
    assert np.abs(images.astype(int) - expected).max() <= 1  # graph vs eager rounding at most one level
    assert np.abs(images.astype(int) - to_uint8(gan.generate(z=z[:10])).numpy().astype(int)).max() > 1
