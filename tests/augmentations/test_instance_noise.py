import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.augmentations import InstanceNoise, get_transform
from tests.helpers import max_abs_diff, points, toy_gan, weights


def test_sigma_anneals_linearly_to_zero():
    t = InstanceNoise(sigma=0.2, anneal_steps=100)
    assert [round(float(t.sigma_at(s)), 6) for s in (0, 25, 100, 150)] == [0.2, 0.15, 0.0, 0.0]
    assert float(InstanceNoise(0.3).sigma_at(10**6)) == pytest.approx(0.3)


def test_noise_has_the_scheduled_std_and_differs_per_element():
    t = InstanceNoise(sigma=0.2, anneal_steps=100)
    x = tf.zeros((20000, 2))
    noisy = t(x, tf.constant(50), keras.random.SeedGenerator(0)).numpy()
    assert noisy.std() == pytest.approx(0.1, rel=0.02) and abs(noisy.mean()) < 0.003
    assert np.all(t(x, tf.constant(100), keras.random.SeedGenerator(0)).numpy() == 0.0)


def test_gan_trains_with_instance_noise_from_a_preset_override():
    gan = toy_gan(**{"d_input_transforms.instance_noise.sigma": 0.5, "d_input_transforms.instance_noise.anneal_steps": 10})
    assert isinstance(gan.d_input_transforms[0], InstanceNoise)
    plain = toy_gan()
    for g in (gan, plain):
        g.fit(points(32), batch_size=8, epochs=1, verbose=0, shuffle=False)
    assert max_abs_diff(weights(gan.discriminator), weights(plain.discriminator)) > 1e-4  # D saw noisy inputs
    assert get_transform({"name": "instance_noise", "sigma": 0.1}).get_config() == {"sigma": 0.1, "anneal_steps": 0}
