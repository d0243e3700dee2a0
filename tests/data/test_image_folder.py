"""A folder of images streams: file names are shuffled, images are read and decoded while iterating (a
folder larger than memory trains), optionally cached after the first pass in the same order."""

import os

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.data import image_folder


def _folder(path, n, size=(6, 6), classes=("a", "b")):
    """n PNGs; image i is filled with the value 5 i and lies in class i % len(classes)."""
    for i in range(n):
        folder = path / classes[i % len(classes)]
        os.makedirs(folder, exist_ok=True)
        tf.io.write_file(str(folder / f"{i:03d}.png"), tf.io.encode_png(np.full((*size, 1), 5 * i, np.uint8)))
    return str(path)


def _ids_and_labels(ds):
    ids, labels = [], []
    for x, y in ds:
        values = np.round((x.numpy() + 1.0) * 127.5 / 5).astype(int)
        assert (values == values[:, :1, :1]).all()  # each image is one constant: decoded whole
        ids += values[:, 0, 0, 0].tolist()
        labels += y.numpy().tolist()
    return ids, labels


def test_a_pass_holds_every_image_once_shuffled_and_the_cache_keeps_the_order(tmp_path):
    path = _folder(tmp_path, 40)
    streamed = _ids_and_labels(data.load(path, batch_size=8, seed=3, cache=False))
    cached = _ids_and_labels(data.load(path, batch_size=8, seed=3, cache=True))
    ids, labels = streamed
    assert sorted(ids) == list(range(40)) and ids != sorted(ids)  # a permutation, not the file order
    assert labels == [i % 2 for i in ids]  # each image keeps its folder's label
    assert cached == streamed
    assert _ids_and_labels(data.load(path, batch_size=8, seed=4, cache=False))[0] != ids  # the seed orders


def test_files_are_read_while_iterating_not_when_loading(tmp_path):
    path = _folder(tmp_path, 8)
    ds = data.load(path, batch_size=4, shuffle=False, cache=False)
    os.remove(os.path.join(path, "b", "007.png"))
    with pytest.raises(tf.errors.NotFoundError):
        list(ds)


def test_an_image_of_another_size_after_the_sample_stops_the_stream_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(image_folder, "SAMPLE", 2)  # the size is read from files 0 and 3 of 6
    path = _folder(tmp_path, 5, classes=("a",))
    tf.io.write_file(os.path.join(path, "a", "005.png"), tf.io.encode_png(np.zeros((7, 6, 1), np.uint8)))
    ds = data.load(path, batch_size=6, shuffle=False, cache=False)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"differs in size.*image_size"):
        list(ds)
    x, _ = next(iter(data.load(path, batch_size=6, shuffle=False, image_size=(6, 6))))
    assert x.shape == (6, 6, 6, 1)  # with image_size every file is resized
