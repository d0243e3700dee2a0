import numpy as np
import pytest

from keras_gans.networks import dcgan_discriminator, dcgan_generator, mlp_discriminator, mlp_generator


def n_params(model):
    return sum(int(np.prod(v.shape)) for v in model.trainable_variables)


@pytest.mark.parametrize("resolution,channels", [(28, 1), (32, 3), (64, 1)])
def test_dcgan_shapes(resolution, channels):
    g = dcgan_generator(latent_dim=10, resolution=resolution, channels=channels, base_filters=4)
    d = dcgan_discriminator(resolution=resolution, channels=channels, base_filters=4)
    assert g.output_shape == (None, resolution, resolution, channels)
    x = g(np.zeros((2, 10), np.float32))
    assert float(np.max(np.abs(x))) <= 1.0  # tanh
    assert d(x).shape == (2, 1)


def test_dcgan_64_matches_the_pytorch_example_parameter_count():
    # nz=100, ngf=ndf=64, nc=1, bias-free convs + batch norm (gamma, beta), hand-computed layer by layer
    g = dcgan_generator(latent_dim=100, resolution=64, channels=1, base_filters=64)
    d = dcgan_discriminator(resolution=64, channels=1, base_filters=64)
    g_expected = 100 * 512 * 16 + 512 * 256 * 16 + 256 * 128 * 16 + 128 * 64 * 16 + 64 * 1 * 16 + 2 * (512 + 256 + 128 + 64)
    d_expected = 1 * 64 * 16 + 64 * 128 * 16 + 128 * 256 * 16 + 256 * 512 * 16 + 512 * 16 + 2 * (128 + 256 + 512)
    assert n_params(g) == g_expected == 3574656
    assert n_params(d) == d_expected == 2763520


def test_mlp_shapes():
    assert mlp_generator(latent_dim=3, data_dim=2, units=(8,)).output_shape == (None, 2)
    assert mlp_discriminator(data_dim=2, units=(8,)).output_shape == (None, 1)


def test_unreachable_resolution_is_a_clear_error():
    with pytest.raises(ValueError, match="cannot be reached by doubling"):
        dcgan_generator(resolution=7)
