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


def _damaged(path, n=300):
    """n PNGs; past the 256 files the folder's pre-scan decodes, one empty file and one cut after 30 bytes."""
    os.makedirs(path / "a")
    for i in range(n):  # image i holds i in its first two pixels (hundreds, rest)
        image = np.zeros((6, 6, 1), np.uint8)
        image[0, :2, 0] = divmod(i, 100)
        tf.io.write_file(str(path / "a" / f"{i:03d}.png"), tf.io.encode_png(image))
    root, files = str(path), sorted((path / "a").iterdir())
    files[280].write_bytes(b"")
    files[285].write_bytes(files[0].read_bytes()[:30])
    return root, str(files[280]), str(files[285])


def test_a_broken_image_past_the_prescan_is_named_and_can_be_skipped(tmp_path):
    from tests.helpers import tiny_image_gan

    root, empty, cut = _damaged(tmp_path)
    with pytest.raises(tf.errors.InvalidArgumentError, match="not an image file.*" + os.path.basename(empty)):
        for _ in data.load(root, batch_size=10, shuffle=False):
            pass
    assert [f for f, _ in data.find_bad_images(root)] == [empty, cut]
    kept = np.concatenate([np.round((x.numpy() + 1) * 127.5) for x, _ in data.load(root, batch_size=2, shuffle=False,
                                                                                    skip_bad_files=True)])
    ids = (kept[:, 0, 0, 0] * 100 + kept[:, 0, 1, 0]).astype(int).tolist()
    assert ids == [i for i in range(300) if i not in (280, 285)]  # every other image, once, in order
    gan = tiny_image_gan(batch_size=10)
    with pytest.raises(data.DataError, match=f"{empty} is empty or not an image file.*skip_bad_files=True"):
        gan.fit(data.load(root, batch_size=10, shuffle=False, image_size=28), epochs=1, verbose=0)


def test_splits_exist_only_where_the_source_has_them(tmp_path):
    root = _folder(tmp_path / "images", 8)
    with pytest.raises(data.DataError, match="a folder of images, which holds one set of samples \\(no 'test' split"):
        data.load(root, split="test", batch_size=4)
    np.savez(tmp_path / "x.npz", x=np.zeros((8, 4, 4, 1), np.uint8))
    with pytest.raises(data.DataError, match="a file of samples, which holds one set"):
        data.load(str(tmp_path / "x.npz"), split="test", batch_size=4)


def test_an_evaluation_asks_for_no_more_real_samples_than_the_folder_holds(tmp_path):
    from keras_gans.metrics.run_evaluation import real_sampler

    preset = {"dataset": {"name": _folder(tmp_path, 30)}, "resolution": 6, "channels": 1}
    assert real_sampler(preset)(30).shape == (30, 6, 6, 1)  # every image, each once
    for n in (31, 600):
        with pytest.raises(data.DataError, match="holds 30 samples, fewer than the .* give 30 or fewer"):
            real_sampler(preset)(n)
