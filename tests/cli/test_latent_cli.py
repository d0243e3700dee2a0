"""After training, from the command line and in Python: walks (PNG and GIF), projections of image files, exports
for other runtimes, ``keras_gans.load_run``, and every bad input with exit 2 and a message."""

import json
import os

import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

import keras_gans
from keras_gans.cli import main
from keras_gans.images import save_png

TINY = ["--set", "generator.base_filters=4", "--set", "discriminator.base_filters=4", "--set", "latent_dim=8",
        "--set", "precision=float32", "--set", "jit_compile=false", "--batch-size", "16", "--sample-every", "0",
        "--steps", "4", "--checkpoint-every", "4", "--log-every", "0"]


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    return code, capsys.readouterr()


@pytest.fixture(scope="module")
def image_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("digits")
    x = np.random.default_rng(0).integers(0, 256, (64, 28, 28, 1), dtype=np.uint8)
    np.savez(folder / "data.npz", x=x, y=np.arange(64) % 3)
    run = str(folder / "run")
    assert main(["train", "dcgan", "--dataset", str(folder / "data.npz"), "--out", run, *TINY]) == 0
    return run


def test_load_run_returns_the_trained_gan(image_run):
    gan = keras_gans.load_run(image_run)
    assert gan.run_step == 4 and gan.run_config["preset"] == "dcgan" and gan.run_dir == image_run
    z = np.random.default_rng(0).standard_normal((3, 8)).astype(np.float32)
    exported = tf.saved_model.load(os.path.join(image_run, "generator")).signatures["serve"](z=tf.constant(z))["images"]
    np.testing.assert_array_equal(exported.numpy(), keras_gans.export.to_uint8(gan.generate(z=z)).numpy())


def test_load_run_of_a_folder_without_checkpoints_says_what_to_do(image_run, tmp_path):
    with pytest.raises(FileNotFoundError, match="not a run directory"):
        keras_gans.load_run(str(tmp_path))
    import shutil

    shutil.copytree(image_run, tmp_path / "copy")
    shutil.rmtree(tmp_path / "copy" / "checkpoints")
    with pytest.raises(FileNotFoundError, match="no checkpoint yet"):
        keras_gans.load_run(str(tmp_path / "copy"))


def test_interpolate_writes_a_walk_and_an_animation(image_run, tmp_path, capsys):
    out = str(tmp_path / "walk.png")
    code, io = _run(["interpolate", image_run, "--n", "3", "--steps", "5", "--out", out, "--gif"], capsys)
    assert code == 0 and "3 walks of 5 steps (linear and slerp)" in io.out
    assert os.path.getsize(out) > 0
    gif = Image.open(str(tmp_path / "walk.gif"))
    assert gif.n_frames == 2 * 5 - 2  # there and back, the ends once
    code, io = _run(["interpolate", image_run, "--method", "slerp", "--steps", "1", "--out", out], capsys)
    assert code == 2 and "a walk's two ends" in io.err


def test_project_writes_latents_reconstructions_and_distances(image_run, tmp_path, capsys):
    gan = keras_gans.load_run(image_run)
    own = np.asarray(keras_gans.export.to_uint8(gan.generate(2, seed=4)))
    save_png(str(tmp_path / "a.png"), own[0])
    big = np.asarray(Image.fromarray(own[1][..., 0]).convert("RGB").resize((56, 56)))
    save_png(str(tmp_path / "b.png"), big)
    out = str(tmp_path / "proj")
    code, io = _run(["project", image_run, str(tmp_path / "a.png"), str(tmp_path / "b.png"), "--out", out,
                     "--steps", "20", "--extractor", "none"], capsys)
    assert code == 0, io.err
    assert "RGB converted to grayscale" in io.out and "resized from 56x56 to 28x28" in io.out
    report = json.load(open(os.path.join(out, "distances.json")))
    assert [r["latent"] for r in report["images"]] == ["a.npy", "b.npy"] and report["space"] == "z"
    latent = np.load(os.path.join(out, "a.npy"))
    assert latent.shape == (8,)
    np.testing.assert_allclose(report["images"][0]["pixel_mse"],
                               np.mean((gan.generate(z=latent[None])[0] - (own[0] / 127.5 - 1)) ** 2), rtol=1e-3, atol=1e-6)
    assert os.path.isfile(os.path.join(out, "b_projection.png"))


def test_export_for_tflite_from_the_command_line(image_run, tmp_path, capsys):
    out = str(tmp_path / "tfl")
    code, io = _run(["export", image_run, "--format", "tflite", "--out", out], capsys)
    assert code == 0, io.err
    assert "generator_float16.tflite" in io.out and "max diff" in io.out
    assert sorted(f for f in os.listdir(out) if f.endswith(".tflite")) == [
        "generator_dynamic_range.tflite", "generator_float16.tflite", "generator_float32.tflite"]


@pytest.mark.parametrize("argv, message", [
    (["export", "RUN", "--format", "coreml"], "invalid choice: 'coreml'"),
    (["interpolate", "RUN", "--labels", "1"], "unconditional run"),
    (["project", "RUN", "NOFILE.png"], "no such image file"),
    (["project", "RUN", "NOTIMAGE.png"], "is not an image"),
])
def test_bad_inputs_get_exit_2_and_a_message(image_run, tmp_path, capsys, argv, message):
    (tmp_path / "NOTIMAGE.png").write_text("not an image")
    argv = [{"RUN": image_run, "NOTIMAGE.png": str(tmp_path / "NOTIMAGE.png"),
             "NOFILE.png": str(tmp_path / "missing.png")}.get(a, a) for a in argv]
    code, io = _run(argv + ["--out", str(tmp_path / ("o.png" if argv[0] == "interpolate" else "o"))], capsys)
    assert code == 2 and message in io.err, io.err


def test_walks_and_projections_of_a_toy_run_are_refused(shared_toy_run, tmp_path, capsys):
    code, io = _run(["interpolate", shared_toy_run, "--out", str(tmp_path / "w.png")], capsys)
    assert code == 2 and "makes points" in io.err
