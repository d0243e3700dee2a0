"""The README and every page of docs/ work as written: every Python block and every `keras-gans` line of
their code blocks runs, in order, on TFDS mock data and on a small generated IDX folder standing in for
`path/to/mnist`. Only the README's sizes change (its commands are the real ones): `--steps` is divided by
1000 in `train` and `eval --n` capped at 100, so the suite stays fast; the docs' commands are small as written."""

import gzip
import os
import shlex

import numpy as np
import pytest
import tensorflow_datasets as tfds

from keras_gans.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
PAGES = sorted(os.path.join(ROOT, "docs", f) for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))


def _blocks(lang, path=README):
    """The code blocks of ``path`` fenced with ```lang (lang "" for plain ``` blocks), in order."""
    blocks, current = [], None
    for line in open(path).read().splitlines():
        if line.startswith("```"):
            if current is None:
                current = [] if line[3:].strip() == lang else False
            else:
                if current is not False:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif isinstance(current, list):
            current.append(line)
    return blocks


def _ordered_blocks(path):
    """(lang, text) of every fenced block of ``path`` in document order."""
    blocks, lang, current = [], None, None
    for line in open(path).read().splitlines():
        if line.startswith("```"):
            if current is None:
                lang, current = line[3:].strip(), []
            else:
                blocks.append((lang, "\n".join(current) + "\n"))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def _write_idx(folder, n=640):
    os.makedirs(folder)
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, n, dtype=np.uint8)
    with gzip.open(os.path.join(folder, "train-images-idx3-ubyte.gz"), "wb") as f:
        f.write(bytes([0, 0, 8, 3]) + np.array([n, 28, 28], ">u4").tobytes() + images.tobytes())
    with gzip.open(os.path.join(folder, "train-labels-idx1-ubyte.gz"), "wb") as f:
        f.write(bytes([0, 0, 8, 1]) + np.array([n], ">u4").tobytes() + labels.tobytes())


def _write_digit(path):
    """A 28x28 grayscale PNG standing in for the user's own image."""
    import tensorflow as tf

    digit = np.zeros((28, 28, 1), np.uint8)
    digit[6:22, 12:16] = 255
    tf.io.write_file(path, tf.io.encode_png(digit))


def _smaller(argv):
    out = list(argv)
    for i, a in enumerate(out[:-1]):
        if a == "--steps" and out[0] == "train":
            out[i + 1] = str(max(1, int(out[i + 1]) // 1000))
        if a == "--n" and out[0] == "eval":
            out[i + 1] = str(min(100, int(out[i + 1])))
    return out


def test_readme_python_blocks_run(tmp_path, monkeypatch):
    blocks = _blocks("python")
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)
    namespace = {}
    with tfds.testing.mock_data(num_examples=320):  # 320 images: one step of 5 critic batches of 64 per epoch
        for code in blocks:
            exec(compile(code, README, "exec"), namespace)
    assert os.path.exists(tmp_path / "out" / "generator" / "saved_model.pb")
    images = np.asarray(namespace["images"])  # the last runtime example's output (ONNX)
    assert images.dtype == np.uint8 and images.shape == (16, 28, 28, 1)
    assert os.path.exists(tmp_path / "out" / "tflite" / "generator_float32.tflite")


def test_readme_command_lines_run(tmp_path, monkeypatch, capsys):
    lines = [line for block in _blocks("") for line in block.splitlines() if line.startswith("keras-gans ")]
    assert {line.split()[1] for line in lines} >= {"list", "train", "sample", "export", "eval"}
    monkeypatch.chdir(tmp_path)
    _write_idx(os.path.join("path", "to", "mnist"))
    _write_digit("digit.png")
    for line in lines:
        argv = _smaller(shlex.split(line, comments=True)[1:])
        assert main(argv) == 0, f"README line failed: {line}\n{capsys.readouterr().err}"
    assert os.path.exists("grid.png") and os.path.exists(os.path.join("exported", "saved_model.pb"))
    assert os.path.exists(os.path.join("runs", "wgan_gp", "metrics.json"))
    assert all(os.path.exists(p) for p in ("walk.png", "walk.gif", os.path.join("projections", "digit.npy"),
                                           os.path.join("exported_tflite", "generator_dynamic_range.tflite")))


def test_the_docs_pages_exist_and_the_readme_points_to_each():
    names = {os.path.basename(p) for p in PAGES}
    assert names >= {"training.md", "networks.md", "data.md", "evaluation.md", "distribution.md", "cli.md"}
    readme = open(README).read()
    assert all(f"docs/{name}" in readme for name in names)
    assert len(readme.splitlines()) <= 140


@pytest.mark.parametrize("page", [os.path.basename(p) for p in PAGES])
def test_every_code_block_of_a_docs_page_runs(page, tmp_path, monkeypatch, capsys):
    path = os.path.join(ROOT, "docs", page)
    monkeypatch.chdir(tmp_path)
    namespace, ran = {}, 0
    with tfds.testing.mock_data(num_examples=64):
        for lang, code in _ordered_blocks(path):  # python blocks and command lines in the page's order
            if lang == "python":
                exec(compile(code, path, "exec"), namespace)
                ran += 1
            for line in code.splitlines() if lang == "" else []:
                if line.startswith("keras-gans "):
                    argv = shlex.split(line, comments=True)[1:]
                    assert main(argv) == 0, f"{page} line failed: {line}\n{capsys.readouterr().err}"
                    ran += 1
    assert ran, f"{page} shows no code"


@pytest.mark.parametrize("name", ["mnist", "fashion_mnist", "cifar10"])
def test_tfds_datasets_of_the_presets_load(name):
    from keras_gans import data

    with tfds.testing.mock_data(num_examples=64):
        x, _ = next(iter(data.load(name, batch_size=32)))
    assert x.dtype == "float32" and -1.0 <= float(x.numpy().min()) and float(x.numpy().max()) <= 1.0
