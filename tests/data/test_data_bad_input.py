"""``data.load`` and ``GAN.fit`` check what they are given where it enters."""

import numpy as np
import pytest

from keras_gans import data
from keras_gans.data import DataError
from tests.helpers import images, tiny_image_gan


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"channels": 2}, "channels must be 1 (grayscale) or 3 (RGB), got 2"),
        ({"image_size": -4}, "image_size must be a positive whole number"),
        ({"image_size": "abc"}, "image_size must be a positive whole number"),
        ({"batch_size": 0}, "batch_size must be a whole number >= 1"),
        ({"batch_size": 2.5}, "batch_size must be a whole number >= 1"),
    ],
)
def test_bad_load_arguments(kwargs, message, tmp_path):
    np.savez(tmp_path / "x.npz", x=np.zeros((64, 8, 8, 1), np.uint8))
    with pytest.raises(DataError, match=None) as e:
        data.load(str(tmp_path / "x.npz"), **kwargs)
    assert message in str(e.value)


def test_npz_contents(tmp_path):
    rgba = np.random.default_rng(0).integers(0, 256, (32, 8, 8, 4), dtype=np.uint8)
    np.savez(tmp_path / "rgba.npz", x=rgba)
    with pytest.raises(DataError, match="4 channels"):
        data.load(str(tmp_path / "rgba.npz"), batch_size=8)
    x = next(iter(data.load(str(tmp_path / "rgba.npz"), batch_size=32, channels=3, shuffle=False)))
    # alpha dropped, the other channels kept: uint8 -> [-1, 1] by x / 127.5 - 1
    np.testing.assert_allclose(np.sort(x.numpy().ravel()), np.sort(rgba[..., :3].ravel() / 127.5 - 1.0), atol=1e-6)
    nan = np.random.default_rng(0).uniform(0, 1, (32, 8, 8, 1)).astype(np.float32)
    nan[3, 2, 1] = np.nan
    np.savez(tmp_path / "nan.npz", x=nan)
    with pytest.raises(DataError, match="1 NaN or infinite values"):
        data.load(str(tmp_path / "nan.npz"), batch_size=8)
    (tmp_path / "text.npz").write_text("no zip here")
    with pytest.raises(DataError, match="not a readable .npz archive"):
        data.load(str(tmp_path / "text.npz"), batch_size=8)


@pytest.mark.parametrize(
    "x,message",
    [
        (np.zeros((16, 28, 28, 1), np.uint8), "got uint8 data"),
        (np.full((16, 28, 28, 1), 255.0, np.float32), "it looks like 0..255 pixels"),
        (np.full((16, 28, 28, 1), np.nan, np.float32), "12544 NaN or infinite values"),
        ((images(16) + 1) / 2, "scaled to [0, 1] (x / 255)"),
    ],
)
def test_fit_refuses_data_it_cannot_train_on(x, message):
    gan = tiny_image_gan()
    with pytest.raises(DataError) as e:
        gan.fit(x, batch_size=8, verbose=0)
    assert message in str(e.value)
    assert int(gan.g_optimizer.iterations.numpy()) == 0


PIXELS = np.random.default_rng(1).integers(0, 256, (32, 28, 28, 1)).astype(np.float32)


@pytest.mark.parametrize(
    "x,message",
    [
        (PIXELS, "first batch has values in [0, 255]; the GAN expects [-1, 1] (it looks like 0..255 pixels"),
        (PIXELS / 255.0, "scaled to [0, 1] (x / 255)"),
        (np.where(PIXELS > 250, np.inf, PIXELS / 127.5 - 1), "first batch holds NaN or infinite values"),
    ],
)
def test_fit_checks_the_first_batch_of_a_dataset_as_it_checks_arrays(x, message):
    import tensorflow as tf

    gan = tiny_image_gan()
    ds = tf.data.Dataset.from_tensor_slices((x, np.zeros(len(x), np.int64))).batch(8, drop_remainder=True)
    with pytest.raises(DataError) as e:
        gan.fit(ds, epochs=1, verbose=0)
    assert message in str(e.value)
    assert int(gan.g_optimizer.iterations.numpy()) <= 1  # stopped in the first step, where the batch is read


def test_a_dataset_in_range_trains_through_the_first_batch_check():
    import tensorflow as tf

    gan = tiny_image_gan()
    ds = tf.data.Dataset.from_tensor_slices(PIXELS / 127.5 - 1).batch(8, drop_remainder=True)
    gan.fit(ds, epochs=2, verbose=0)  # every batch of both epochs: the check passes and drops none
    assert int(gan.g_optimizer.iterations.numpy()) == 8


def test_generate_and_export_refuse_what_makes_no_sense(tmp_path):
    gan = tiny_image_gan()
    for n in (0, -1, 2.5):
        with pytest.raises(ValueError, match="needs n >= 1"):
            gan.generate(n=n)
    with pytest.raises(ValueError, match=r"shape \[n >= 1, 8\]"):
        gan.generate(z=np.zeros((4, 3), np.float32))
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text("{}")
    with pytest.raises(FileExistsError, match="is a run directory"):
        gan.export_generator(str(run))
    gan.export_generator(str(tmp_path / "g"))
    gan.export_generator(str(tmp_path / "g"))  # an earlier export is replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g", "run"]  # no staging folders left


def test_fit_accepts_arrays_in_range():
    gan = tiny_image_gan()
    gan.fit(images(16), batch_size=8, epochs=1, verbose=0)
    assert int(gan.g_optimizer.iterations.numpy()) == 2
