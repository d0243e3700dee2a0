"""A conditional run from the command line: `train --set conditional=true` reads the classes from the data and
records them, `sample --labels / --per-class` draws the classes asked, the export takes labels in a process
without keras_gans, and every bad input gets exit 2, a message and nothing left behind."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from keras_gans.cli import main

TINY = ["--set", "generator.base_filters=4", "--set", "discriminator.base_filters=4", "--set", "latent_dim=8",
        "--set", "precision=float32", "--set", "jit_compile=false", "--batch-size", "16", "--sample-every", "0"]
NAMES = ["cat", "dog", "owl"]


def _run(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    return code, capsys.readouterr()


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labelled")
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (64, 28, 28, 1), dtype=np.uint8)
    np.savez(folder / "three.npz", x=x, y=np.arange(64) % 3, class_names=np.array(NAMES))
    np.savez(folder / "four.npz", x=x, y=np.arange(64) % 4)
    np.savez(folder / "none.npz", x=x)
    return folder


@pytest.fixture(scope="module")
def run(labelled, tmp_path_factory):
    out = str(tmp_path_factory.mktemp("cond") / "run")
    assert main(["train", "dcgan_ema", "--dataset", str(labelled / "three.npz"), "--set", "conditional=true", "--out", out,
                 "--steps", "4", "--checkpoint-every", "4", *TINY]) == 0
    return out


def test_the_classes_of_the_data_are_recorded_in_the_run(run):
    config = json.load(open(os.path.join(run, "config.json")))
    assert config["num_classes"] == 3 and config["model"]["class_names"] == NAMES
    assert config["model"]["class_counts"] == [22, 21, 21]  # 64 labels 0, 1, 2, 0, ...
    assert config["generator"]["conditioning"] == "cbn" and config["discriminator"]["conditioning"] == "projection"


def test_sample_per_class_and_by_name(run, tmp_path, capsys):
    code, out = _run(["sample", run, "--per-class", "4", "--out", str(tmp_path / "grid.png")], capsys)
    assert code == 0 and "4 samples of each of 3 classes" in out.out and os.path.getsize(tmp_path / "grid.png") > 0
    code, out = _run(["sample", run, "--labels", "owl", "--n", "9", "--out", str(tmp_path / "owl.png")], capsys)
    assert code == 0 and "9 samples" in out.out and "class owl" in out.out


LOADER = """
import json, sys
import numpy as np, tensorflow as tf
assert "keras_gans" not in sys.modules
m = tf.saved_model.load(sys.argv[1])
z, y = np.array(json.loads(sys.argv[2]), np.float32), np.array(json.loads(sys.argv[3]), np.int32)
images = m.serve(tf.constant(z), tf.constant(y))["images"].numpy()
kept = m.smoothest(tf.constant(z), tf.constant(0.5), tf.constant(y))
print(json.dumps({"images": images.tolist(), "names": [n.decode() for n in m.classes()["names"].numpy()],
                  "kept_labels": kept["labels"].numpy().tolist(), "kept": len(kept["images"])}))
"""


def test_the_export_takes_labels_in_a_process_without_keras_gans(run, tmp_path):
    from keras_gans import runs
    from keras_gans.export import to_uint8

    gan, _, _ = runs.restore_run(run)
    path = gan.export_generator(str(tmp_path / "generator"))
    z = np.random.default_rng(1).standard_normal((6, gan.latent_dim)).astype(np.float32)
    y = np.array([0, 1, 2, 2, 1, 0], np.int32)
    proc = subprocess.run([sys.executable, "-c", LOADER, path, json.dumps(z.tolist()), json.dumps(y.tolist())],
                          capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    np.testing.assert_array_equal(np.array(out["images"], np.uint8), to_uint8(gan.generate(z=z, labels=y)).numpy())
    assert out["names"] == NAMES
    assert out["kept"] == 3 and set(out["kept_labels"]) <= {0, 1, 2}  # the kept latents come with their labels


@pytest.mark.parametrize("case, message", [
    ("unlabelled data", "none.npz has no labels, and labels=True (a conditional GAN) needs one per image; labels come from"),
    ("an unconditional network", "the 'progressive' generator has no conditioning option yet"),
])
def test_a_conditional_start_that_cannot_be_made_leaves_nothing(case, message, labelled, tmp_path, capsys):
    out = str(tmp_path / "run")
    preset, data = ("progressive_gan", "three.npz") if case == "an unconditional network" else ("dcgan_ema", "none.npz")
    code, printed = _run(["train", preset, "--dataset", str(labelled / data), "--set", "conditional=true", "--out", out,
                          "--steps", "2", *TINY], capsys)
    assert code == 2 and message in printed.err and "Traceback" not in printed.err
    assert not os.path.exists(out)


def test_a_resume_with_other_classes_is_refused_and_the_run_is_unchanged(run, labelled, capsys):
    before = open(os.path.join(run, "config.json")).read()
    code, printed = _run(["train", run, "--resume", "--dataset", str(labelled / "four.npz"), "--steps", "8"], capsys)
    assert code == 2 and "the run has 3 classes (cat, dog, owl), but the data holds 4 (0, 1, 2, 3)" in printed.err
    assert open(os.path.join(run, "config.json")).read() == before


@pytest.mark.parametrize("argv, message", [
    (["--labels", "5"], "--labels 5: the run has 3 classes, 0..2."),
    (["--labels", "zebra"], "--labels 'zebra' is neither a class index nor a class name; the classes: cat, dog, owl."),
])
def test_sample_refuses_classes_the_run_does_not_have(run, argv, message, tmp_path, capsys):
    code, printed = _run(["sample", run, *argv, "--out", str(tmp_path / "x.png")], capsys)
    assert code == 2 and message in printed.err and not os.path.exists(tmp_path / "x.png")


def test_sample_labels_on_an_unconditional_run_says_what_to_train(toy_run, tmp_path, capsys):
    code, printed = _run(["sample", toy_run, "--labels", "1", "--out", str(tmp_path / "x.png")], capsys)
    assert code == 2 and "is an unconditional run: --labels and --per-class need a conditional one" in printed.err


def test_eval_accuracy_with_a_classifier_of_the_users_data(run, tmp_path, capsys):
    import keras

    from keras_gans import runs

    inputs = keras.Input((28, 28, 1))  # three classes by the image's mean brightness, thresholds fixed by hand
    mean = keras.layers.GlobalAveragePooling2D()(inputs)
    logits = keras.layers.Dense(3, kernel_initializer=keras.initializers.Constant([[-40.0, 0.0, 40.0]]),
                                bias_initializer=keras.initializers.Constant([-1.0, 0.0, -1.0]))(mean)
    model = keras.Model(inputs, logits)
    model.save(tmp_path / "classifier.keras")
    code, printed = _run(["eval", run, "--metrics", "accuracy", "--n", "30", "--classifier", str(tmp_path / "classifier.keras")],
                         capsys)
    assert code == 0, printed.err
    gan, _, _ = runs.restore_run(run)
    labels = gan.labels_for(30, None, 0)  # eval's seed 0
    samples = gan.generate(30, seed=0, labels=labels)
    expected = np.mean(np.argmax(np.asarray(model(samples)), 1) == labels)
    value = float([ln for ln in printed.out.splitlines() if ln.startswith("accuracy ")][0].split()[1])
    assert value == pytest.approx(expected, abs=1e-6)
