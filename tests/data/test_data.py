import gzip
import os
import struct

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import data
from keras_gans.data import DataError


def write_idx(path, array):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


def first(ds):
    return next(iter(ds))


def test_idx_folder_gz_and_raw(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 256, (10, 28, 28), dtype=np.uint8)
    y = np.arange(10) % 10
    write_idx(str(tmp_path / "train-images-idx3-ubyte.gz"), x)
    write_idx(str(tmp_path / "train-labels-idx1-ubyte.gz"), y)
    write_idx(str(tmp_path / "t10k-images-idx3-ubyte"), x[:4])
    images, labels = first(data.load(str(tmp_path), batch_size=10, shuffle=False))
    assert images.shape == (10, 28, 28, 1) and images.dtype == tf.float32
    np.testing.assert_allclose(images.numpy()[..., 0], x / 127.5 - 1.0, atol=1e-6)
    np.testing.assert_array_equal(labels.numpy(), y)
    test = first(data.load(str(tmp_path), split="test", batch_size=4, shuffle=False))
    assert not isinstance(test, tuple)  # no labels file for t10k: images only
    np.testing.assert_allclose(test.numpy()[..., 0], x[:4] / 127.5 - 1.0, atol=1e-6)


def test_npz_images_points_and_labels(tmp_path):
    x = np.random.default_rng(0).integers(0, 256, (20, 8, 8, 3), dtype=np.uint8)
    np.savez(tmp_path / "a.npz", x=x, y=np.arange(20))
    ds = data.load(str(tmp_path / "a.npz"), batch_size=6, shuffle=True, seed=1)
    assert ds.element_spec[0].shape == (6, 8, 8, 3)  # static batch
    batches = list(ds)
    assert len(batches) == 3  # 20 // 6, remainder dropped
    labels = np.concatenate([b[1].numpy() for b in batches])
    assert len(set(labels)) == 18 and not np.array_equal(labels, np.arange(18))  # shuffled, no repeats
    for imgs, lab in batches:
        np.testing.assert_allclose(imgs.numpy(), x[lab.numpy()] / 127.5 - 1.0, atol=1e-6)
    np.savez(tmp_path / "p.npz", x=np.ones((10, 2), np.float32))
    assert first(data.load(str(tmp_path / "p.npz"), batch_size=5)).shape == (5, 2)


def test_image_folder_recursive_with_labels_resize_and_pad(tmp_path):
    for cls in ("cats", "dogs"):
        os.makedirs(tmp_path / cls / "sub")
        for i in range(3):
            img = np.full((10, 12, 3), 40 * i, np.uint8)
            tf.io.write_file(str(tmp_path / cls / "sub" / f"{i}.png"), tf.io.encode_png(img))
    images, labels = first(data.load(str(tmp_path), batch_size=6, image_size=8, shuffle=False))
    assert images.shape == (6, 8, 8, 3)
    np.testing.assert_array_equal(labels.numpy(), [0, 0, 0, 1, 1, 1])
    np.testing.assert_allclose(images.numpy()[1], 40 / 127.5 - 1.0, atol=1e-2)
    # pad: 10x12 centred on a 16x16 canvas of -1
    padded, _ = first(data.load(str(tmp_path), batch_size=6, image_size=16, resize="pad", shuffle=False))
    assert padded.shape == (6, 16, 16, 3)
    assert float(padded[1, 0, 0, 0]) == -1.0 and float(padded[1, 8, 8, 0]) == pytest.approx(40 / 127.5 - 1.0)


def test_image_folder_errors(tmp_path):
    os.makedirs(tmp_path / "empty")
    with pytest.raises(DataError, match="No PNG or JPEG images"):
        data.load(str(tmp_path / "empty"))
    mixed = tmp_path / "mixed"
    os.makedirs(mixed)
    tf.io.write_file(str(mixed / "gray.png"), tf.io.encode_png(np.zeros((4, 4, 1), np.uint8)))
    tf.io.write_file(str(mixed / "rgb.png"), tf.io.encode_png(np.zeros((4, 4, 3), np.uint8)))
    with pytest.raises(DataError, match=r"mixed channel counts \[1, 3\].*channels=1 or channels=3"):
        data.load(str(mixed), batch_size=1)
    x = first(data.load(str(mixed), batch_size=2, channels=3))
    assert x.shape == (2, 4, 4, 3)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        data.load(str(tmp_path / "nope"))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        data.load("./datasets/mnist")


def test_toy_mixtures_match_their_definition():
    ring = data.ring_centers()
    np.testing.assert_allclose(np.linalg.norm(ring, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(ring[2], [0.0, 1.0], atol=1e-6)  # angle 2 pi 2 / 8
    grid = data.grid_centers()
    assert grid.shape == (25, 2)
    assert set(np.round(grid[:, 0]).astype(int)) == {-4, -2, 0, 2, 4}
    for name, centers, std in (("ring", ring, 0.01), ("grid", grid, 0.05)):
        batches = list(data.load(name, batch_size=1000, num_samples=20000))
        x = np.concatenate([b[0].numpy() for b in batches])
        modes = np.concatenate([b[1].numpy() for b in batches])  # the mixture component is the label
        nearest = np.argmin(((x[:, None] - centers[None]) ** 2).sum(-1), 1)
        np.testing.assert_array_equal(nearest, modes)
        offsets = x - centers[nearest]
        assert offsets.std() == pytest.approx(std, rel=0.05)
        counts = np.bincount(nearest, minlength=len(centers))
        assert counts.min() > 0.8 * len(x) / len(centers)  # uniform over modes


def test_tfds_mock_mnist():
    import tensorflow_datasets as tfds

    with tfds.testing.mock_data(num_examples=20):
        images, labels = first(data.load("mnist", batch_size=8, image_size=32))
    assert images.shape == (8, 32, 32, 1) and labels.shape == (8,)
    assert float(tf.reduce_min(images)) >= -1.0 and float(tf.reduce_max(images)) <= 1.0


def test_tfds_that_cannot_be_had_says_what_to_do(tmp_path):
    with pytest.raises(DataError, match="data_dir.*local path"):
        data.load("mnist", data_dir=str(tmp_path), download=False)
    with pytest.raises(DataError, match="Did you mean mnist"):
        data.load("mnsit", download=False)


def test_a_tfds_download_that_cannot_reach_its_host_fails_at_once(tmp_path, monkeypatch):
    from keras_gans.cli.launch import free_ports
    from keras_gans.data import tfds_source

    monkeypatch.setattr(tfds_source, "TFDS_HOST", ("127.0.0.1", free_ports(1)[0]))  # a port nobody listens on
    with pytest.raises(DataError, match="not prepared in .* cannot reach 127.0.0.1 to download it.*local path"):
        data.load("mnist", data_dir=str(tmp_path))
