import keras
import numpy as np
import tensorflow as tf

from keras_gans.augmentations import AdaptiveAugment
from tests.helpers import images, tiny_image_gan


def _ada(**kwargs):
    ada = AdaptiveAugment(**kwargs)
    ada.build(None)
    return ada


def test_p_follows_the_overfitting_heuristic_in_closed_form():
    # r_t = E[sign(D(real))]; every `interval` updates p += sign(r_t - target) * images / speed
    ada = _ada(target=0.6, interval=2, speed_images=1000.0, initial_p=0.5)
    confident = tf.constant(np.full((10, 1), 3.0, np.float32))  # r_t = 1 > 0.6: D overfits
    ada.observe(confident)
    assert float(ada.p.numpy()) == 0.5  # adjusted only at the end of the interval
    ada.observe(confident)
    np.testing.assert_allclose(float(ada.p.numpy()), 0.5 + 20 / 1000.0, rtol=1e-6)
    mixed = tf.constant(np.array([[1.0]] * 7 + [[-1.0]] * 3, np.float32))  # r_t = 0.4 < 0.6
    ada.observe(mixed)
    ada.observe(mixed)
    np.testing.assert_allclose(float(ada.p.numpy()), 0.5, rtol=1e-6)
    low = _ada(interval=1, speed_images=1.0)
    low.observe(-confident)
    assert float(low.p.numpy()) == 0.0  # clipped to [0, 1]


def test_probability_zero_is_the_identity_and_one_augments_every_sample():
    x = tf.constant(np.ones((64, 8, 8, 1), np.float32))
    off = _ada(policy="cutout", initial_p=0.0)
    np.testing.assert_array_equal(off(x, 0, keras.random.SeedGenerator(0)).numpy(), x.numpy())
    on = _ada(policy="cutout", initial_p=1.0)
    zeros = (on(x, 0, keras.random.SeedGenerator(0)).numpy() == 0).sum(axis=(1, 2, 3))
    assert zeros.min() >= 4  # every image lost a square (of 4x4, clipped at the border to >= 2x2)


def test_about_p_of_the_samples_are_augmented():
    x = tf.constant(np.ones((2000, 4, 4, 1), np.float32))
    ada = _ada(policy="cutout", initial_p=0.3)
    touched = np.mean((ada(x, 0, keras.random.SeedGenerator(1)).numpy() == 0).any(axis=(1, 2, 3)))
    assert abs(touched - 0.3) < 4 * np.sqrt(0.3 * 0.7 / 2000)


def test_gan_tunes_p_from_its_discriminator():
    # the lowest target, below any r_t where D calls some real image real: every D update raises p by 8 / 100
    gan = tiny_image_gan("dcgan", **{"d_input_transforms.adaptive_augment": {"interval": 1, "speed_images": 100.0, "target": -1.0}})
    ada = gan.d_input_transforms[0]
    gan.fit(images(32), batch_size=8, epochs=1, verbose=0)
    np.testing.assert_allclose(float(ada.p.numpy()), 4 * 0.08, rtol=1e-5)
    assert ada.p in gan.extra_checkpoint_objects()["d_input_transforms.adaptive_augment"]
