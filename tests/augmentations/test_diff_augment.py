import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.augmentations import DiffAugment


def one_pixel_images(n=64, size=16):
    x = np.zeros((n, size, size, 1), np.float32)
    x[:, 8, 8, 0] = 1.0
    return tf.constant(x)


def test_translation_moves_each_image_by_at_most_an_eighth_with_zero_padding():
    out = DiffAugment("translation")(one_pixel_images(), 0, keras.random.SeedGenerator(0)).numpy()
    shifts = set()
    for img in out[..., 0]:
        ys, xs = np.nonzero(img)
        assert len(ys) == 1 and img[ys[0], xs[0]] == 1.0  # the pixel moved, nothing else appeared
        shifts.add((ys[0] - 8, xs[0] - 8))
    assert max(max(abs(a), abs(b)) for a, b in shifts) <= 2 and len(shifts) > 10  # 16 / 8 = 2 pixels, per sample
    edge = np.ones((64, 16, 16, 1), np.float32)
    moved = DiffAugment("translation")(tf.constant(edge), 0, keras.random.SeedGenerator(1)).numpy()
    assert moved.min() == 0.0 and set(np.unique(moved)) <= {0.0, 1.0}  # shifted-in border is zero


def test_cutout_zeroes_one_half_size_square_per_image():
    x = tf.ones((32, 16, 16, 2))
    out = DiffAugment("cutout")(x, 0, keras.random.SeedGenerator(2)).numpy()
    zeros = (out[..., 0] == 0).sum(axis=(1, 2))
    assert zeros.max() == 64 and zeros.min() >= 16  # 8x8 when inside, clipped at the border
    np.testing.assert_array_equal(out[..., 0], out[..., 1])  # the same square in every channel
    for img in out[..., 0]:
        ys, xs = np.nonzero(img == 0)
        assert (ys.max() - ys.min() + 1) * (xs.max() - xs.min() + 1) == len(ys)  # a rectangle


def test_color_ranges_and_gradients_flow():
    x = tf.constant(np.random.default_rng(0).uniform(-1, 1, (256, 8, 8, 3)).astype("float32"))
    b = DiffAugment("color")
    bright = tf.reduce_mean(x, axis=[1, 2, 3])
    from keras_gans.augmentations.diff_augment import _brightness

    shift = (tf.reduce_mean(_brightness(x, keras.random.SeedGenerator(3)), axis=[1, 2, 3]) - bright).numpy()
    assert shift.min() >= -0.5 and shift.max() <= 0.5 and shift.std() > 0.2  # U[-0.5, 0.5] per image
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(b(x, 0, keras.random.SeedGenerator(4)))
    grad = tape.gradient(y, x)
    assert grad is not None and np.all(np.isfinite(grad.numpy()))


def test_policy_errors_and_xla():
    with pytest.raises(ValueError, match="d_input_transforms.diff_augment.policy .* names unknown operations rotate"):
        DiffAugment("rotate")
    seed = keras.random.SeedGenerator(5)
    aug = DiffAugment()
    out = tf.function(lambda t: aug(t, 0, seed), jit_compile=True)(tf.ones((4, 16, 16, 3)))
    assert out.shape == (4, 16, 16, 3)


def test_gan_trains_with_diff_augment_from_a_preset_override():
    from tests.helpers import images, tiny_image_gan

    gan = tiny_image_gan("dcgan", **{"d_input_transforms.diff_augment.policy": "translation,cutout"})
    assert isinstance(gan.d_input_transforms[0], DiffAugment)
    hist = gan.fit(images(8), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(hist.history["g_loss"][0])
