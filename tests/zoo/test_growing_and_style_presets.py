"""progressive_gan and stylegan: the papers' values, the model each builds, bad resolutions refused by name,
truncation from `generate`, the exported `serve` and `keras-gans sample`."""

import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import zoo
from keras_gans.cli import main
from keras_gans.models import ProgressiveGAN
from keras_gans.zoo import ConfigError
from tests.helpers import images, tiny_stylegan


def test_progressive_gan_has_the_papers_values():
    p = zoo.resolve("progressive_gan")
    assert p["loss"] == {"name": "wasserstein", "drift": 0.001}
    assert p["regularizers"] == {"gradient_penalty": {"weight": 10.0}}
    assert p["optimizers"]["g"]["beta_1"] == 0.0 and p["optimizers"]["g"]["beta_2"] == 0.99
    assert p["model"]["d_steps"] == 1 and p["model"]["ema_decay"] == 0.999
    g = p["model"]["growth"]
    assert g["fade_images"] == g["stable_images"] and set(g["batch_sizes"]) == {"4", "8", "16", "32"}


def test_stylegan_has_the_papers_values_and_the_r1_heuristic():
    p = zoo.resolve("stylegan")
    res, batch = p["resolution"], p["batch_size"]
    assert p["regularizers"]["r1"] == {"weight": pytest.approx(0.0002 * res**2 / batch), "every": 16}
    assert p["g_regularizers"]["path_length"] == {"weight": 2.0, "every": 4}
    assert p["generator"]["mapping_layers"] == 8 and p["generator"]["mapping_lr_multiplier"] == 0.01
    assert p["generator"]["style_mixing"] == 0.9 and p["loss"]["name"] == "non_saturating"


@pytest.mark.parametrize("name", ["progressive_gan", "stylegan"])
def test_a_resolution_that_cannot_be_reached_is_refused_naming_the_valid_ones(name):
    with pytest.raises((ConfigError, ValueError), match="4, 8, 16, 32, 64"):
        zoo.load(name, resolution=28, precision="float32")


def test_progressive_gan_builds_its_model_class():
    gan = zoo.load("progressive_gan", **{"generator.fmap_max": 4, "discriminator.fmap_max": 4, "precision": "float32"})
    assert isinstance(gan, ProgressiveGAN) and gan.generator.resolutions == [4, 8, 16, 32]


@pytest.mark.large  # a style generator trained, sampled and exported
def test_truncation_from_generate_the_export_and_the_cli(tmp_path, capsys):
    gan = tiny_stylegan()
    gan.fit(images(16, 16), batch_size=8, epochs=1, verbose=0)
    for w in gan.generator.weights + gan._ema.weights:  # styles with an effect (they start at 0)
        if "style" in w.path and "kernel" in w.path:
            w.assign(np.random.default_rng(0).normal(0, 0.5, w.shape).astype("float32"))
    a = gan.generate(4, seed=1, truncation=0.0)
    np.testing.assert_allclose(a, np.repeat(a[:1], 4, axis=0), atol=1e-6)  # psi 0: the average image
    full = gan.generate(4, seed=1)
    assert np.abs(full[0] - full[1]).max() > 1e-3
    np.testing.assert_allclose(gan.generate(4, seed=1, truncation=1.0), full, atol=1e-6)
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        gan.generate(4, truncation=1.5)
    gan.export_generator(str(tmp_path / "g"))
    served = tf.saved_model.load(str(tmp_path / "g"))
    z = tf.constant(np.random.default_rng(2).standard_normal((3, 8)).astype("float32"))
    plain = served.serve(z)["images"].numpy()
    assert np.array_equal(plain, served.signatures["serve"](z=z)["images"].numpy())
    assert np.array_equal(plain, served.serve(z, truncation=tf.constant(1.0))["images"].numpy())
    zero = served.serve(z, truncation=tf.constant(0.0))["images"].numpy()
    assert np.array_equal(zero, np.repeat(zero[:1], 3, axis=0)) and not np.array_equal(plain[0], plain[1])


@pytest.mark.large  # a CLI training of the style generator
def test_cli_sample_takes_truncation(tmp_path, capsys):
    data = tmp_path / "d.npz"
    np.savez(data, x=np.random.default_rng(0).integers(0, 256, (32, 16, 16, 1), dtype=np.uint8))
    out = str(tmp_path / "run")
    tiny = ["--set", "resolution=16", "--set", "latent_dim=8", "--set", "batch_size=8", "--set", "precision=float32",
            "--set", "generator.fmap_max=4", "--set", "generator.w_dim=8", "--set", "generator.mapping_layers=2",
            "--set", "discriminator.fmap_max=4", "--set", "jit_compile=false"]
    assert main(["train", "stylegan", "--dataset", str(data), "--out", out, "--steps", "2", "--sample-every", "0", *tiny]) == 0
    grid = str(tmp_path / "psi.png")
    assert main(["sample", out, "--n", "16", "--truncation", "0.7", "--out", grid]) == 0
    assert os.path.exists(grid) and "wrote 16 samples" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        main(["sample", out, "--truncation", "2", "--out", grid])
    assert e.value.code == 2 and "psi in [0, 1]" in capsys.readouterr().err
