"""Labels from every source: (images, labels) batches, checked labels, the number of classes, their names
and frequencies in ``source_info``; ``labels=True`` refuses a source without labels and names those with."""

import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.data import DataError
from tests.data.test_data import write_idx


def _all(ds):
    xs, ys = zip(*[(x.numpy(), y.numpy()) for x, y in ds])
    return np.concatenate(xs), np.concatenate(ys)


def test_an_image_folder_gives_one_class_per_sub_folder_in_sorted_order(tmp_path):
    counts = {"zebra": 3, "ant": 5, "moth": 4}
    for name, n in counts.items():
        os.makedirs(tmp_path / name)
        for i in range(n):  # each image holds its class's first letter: the label can be checked against it
            tf.io.write_file(str(tmp_path / name / f"{i}.png"), tf.io.encode_png(np.full((4, 4, 1), ord(name[0]), np.uint8)))
    ds = data.load(str(tmp_path), batch_size=12, labels=True, shuffle=False)
    assert ds.source_info["class_names"] == ["ant", "moth", "zebra"] and ds.source_info["num_classes"] == 3
    assert ds.source_info["class_counts"] == [5, 4, 3]
    x, y = _all(ds)
    letters = np.round((x[:, 0, 0, 0] + 1) * 127.5).astype(int)
    assert [chr(c) for c in letters] == [["ant", "moth", "zebra"][label][0] for label in y]


def test_npz_labels_and_class_names(tmp_path):
    x = np.random.default_rng(0).integers(0, 256, (12, 4, 4, 1), dtype=np.uint8)
    y = np.array([0, 2, 2, 1, 0, 2, 2, 2, 1, 0, 0, 2])
    np.savez(tmp_path / "d.npz", x=x, y=y, class_names=np.array(["cat", "dog", "emu"]))
    ds = data.load(str(tmp_path / "d.npz"), batch_size=12, labels=True, shuffle=False)
    assert ds.source_info["class_names"] == ["cat", "dog", "emu"] and ds.source_info["class_counts"] == [4, 2, 6]
    _, labels = _all(ds)
    np.testing.assert_array_equal(labels, y)
    image_only = next(iter(data.load(str(tmp_path / "d.npz"), batch_size=4, labels=False)))
    assert isinstance(image_only, tf.Tensor) and image_only.shape == (4, 4, 4, 1)


@pytest.mark.parametrize(
    "y,message",
    [
        (np.array([0, 1, -1, 2] * 3), "labels must be >= 0 (class indices 0, 1, ...); found -1"),
        (np.array([0.0, 1.5] * 6), "labels must be whole numbers (class indices 0, 1, ...); found [1.5"),
        (np.array([0, 1] * 5), "12 samples but 10 labels"),
        (np.eye(3)[np.arange(12) % 3], "one whole number per sample, shape [N]; got shape (12, 3) (one-hot labels"),
        (np.array(["a", "b"] * 6), "labels must be whole numbers"),
    ],
)
def test_labels_that_cannot_be_class_indices_are_refused(y, message, tmp_path):
    np.savez(tmp_path / "d.npz", x=np.zeros((12, 4, 4, 1), np.uint8), y=y)
    with pytest.raises(DataError) as e:
        data.load(str(tmp_path / "d.npz"), batch_size=4)
    assert message in str(e.value)


def test_labels_true_on_a_source_without_labels_names_the_sources_with(tmp_path):
    np.savez(tmp_path / "d.npz", x=np.zeros((12, 4, 4, 1), np.uint8))
    with pytest.raises(DataError, match="has no labels.*an .npz file with y.*one sub-folder per class"):
        data.load(str(tmp_path / "d.npz"), batch_size=4, labels=True)


def test_idx_and_tfds_and_stacked_mnist_labels(tmp_path):
    import tensorflow_datasets as tfds

    x = np.random.default_rng(0).integers(0, 256, (30, 28, 28), dtype=np.uint8)
    y = (np.arange(30) % 10).astype(np.uint8)
    write_idx(str(tmp_path / "train-images-idx3-ubyte.gz"), x)
    write_idx(str(tmp_path / "train-labels-idx1-ubyte.gz"), y)
    ds = data.load(str(tmp_path), batch_size=30, labels=True, shuffle=False)
    assert ds.source_info["num_classes"] == 10 and ds.source_info["class_counts"] == [3] * 10
    np.testing.assert_array_equal(_all(ds)[1], y)
    stacked = data.load(f"stacked_mnist:{tmp_path}", batch_size=10, labels=True, num_samples=40)
    assert stacked.source_info["num_classes"] == 1000 and stacked.source_info["class_names"][123] == "123"
    with tfds.testing.mock_data(num_examples=16):
        mnist = data.load("mnist", batch_size=8, labels=True)
        assert mnist.source_info["num_classes"] == 10 and mnist.source_info["class_names"] == [str(i) for i in range(10)]
        _, labels = next(iter(mnist))
    assert labels.dtype == tf.int64 and labels.shape == (8,)
