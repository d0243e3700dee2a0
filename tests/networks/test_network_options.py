"""Every layer of keras_gans.layers is an option of the networks, reachable from preset keys."""

import keras
import numpy as np
import pytest

from keras_gans import layers as kg_layers
from keras_gans.models.training_data import couples_samples
from keras_gans.networks.dcgan import dcgan_discriminator, dcgan_generator
from keras_gans.networks.resnet import resnet_discriminator, resnet_generator
from keras_gans.private_api import nested_layers
from tests.helpers import images, tiny_image_gan

Z = np.random.default_rng(0).standard_normal((6, 8)).astype(np.float32)


def kinds(model):
    return [type(layer) for layer in nested_layers(model)]


@pytest.mark.parametrize("norm, layer", [("batch", keras.layers.BatchNormalization), ("layer", keras.layers.LayerNormalization),
                                         ("group", keras.layers.GroupNormalization),
                                         ("virtual_batch", kg_layers.VirtualBatchNormalization)])
def test_generator_norms(norm, layer):
    g = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=8, norm=norm)
    assert kinds(g).count(layer) == 2  # one per up-sampling block
    assert g(Z).shape == (6, 28, 28, 1)


def test_no_norm_means_biases_and_no_normalisation():
    g = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=8, norm="none")
    assert not any("Normalization" in k.__name__ for k in kinds(g))
    assert all(layer.use_bias for layer in g.layers if isinstance(layer, (keras.layers.Dense, keras.layers.Conv2DTranspose)))


def test_group_norm_groups_divide_the_channels():
    g = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=6, norm="group")  # 12 and 6 channels
    for layer in g.layers:
        if isinstance(layer, keras.layers.GroupNormalization):
            assert layer.input.shape[-1] % layer.groups == 0 and layer.groups > 1


def test_virtual_batch_norm_makes_a_sample_independent_of_its_batch_mates():
    """With VBN an example's image depends on its latent and the fixed reference batch only (Salimans et
    al. 2016): the same z gives the same image whatever else is in the batch; with batch norm it does not."""
    other = np.random.default_rng(1).standard_normal((6, 8)).astype(np.float32)
    vbn = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=8, norm="virtual_batch")
    a = vbn(np.concatenate([Z[:1], Z[1:]]), training=True).numpy()
    b = vbn(np.concatenate([Z[:1], other[1:]]), training=True).numpy()
    np.testing.assert_allclose(a[0], b[0], atol=1e-5)
    bn = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=8, norm="batch")
    a = bn(np.concatenate([Z[:1], Z[1:]]), training=True).numpy()
    b = bn(np.concatenate([Z[:1], other[1:]]), training=True).numpy()
    assert np.abs(a[0] - b[0]).max() > 1e-3


@pytest.mark.parametrize("build", [
    lambda **o: dcgan_discriminator(resolution=28, channels=1, base_filters=8, norm="none", **o),
    lambda **o: resnet_discriminator(resolution=32, channels=1, base_filters=8, spectral_norm=False, **o),
])
def test_discriminator_minibatch_layers(build):
    plain = build()
    assert not couples_samples(plain)
    d = build(minibatch_stddev=True, minibatch_discrimination=6)
    assert kg_layers.MinibatchStdDev in kinds(d) and kg_layers.MinibatchDiscrimination in kinds(d)
    assert couples_samples(d)  # so the GAN calls D on real and fake batches separately
    mbd = next(layer for layer in d.layers if isinstance(layer, kg_layers.MinibatchDiscrimination))
    assert mbd.num_kernels == 6
    x = np.random.default_rng(0).uniform(-1, 1, (8,) + d.input_shape[1:]).astype(np.float32)
    assert d(x).shape == (8, 1)


def test_attention_and_depth_options():
    g = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=8, attention_resolution=14, depth=1)
    d = dcgan_discriminator(resolution=28, channels=1, base_filters=8, attention_resolution=14, depth=1)
    assert kinds(g).count(kg_layers.SelfAttention) == 1 and kinds(d).count(kg_layers.SelfAttention) == 1
    convs = lambda m: sum(isinstance(layer, keras.layers.Conv2D) and layer.kernel_size == (3, 3) for layer in m.layers)  # noqa: E731
    assert convs(g) == 2 and convs(d) == 1  # depth 1: one 3x3 conv per G resolution, per D resolution after the first


def test_resnet_generator_norm_option():
    for norm, layer in [("group", keras.layers.GroupNormalization), ("layer", keras.layers.LayerNormalization)]:
        g = resnet_generator(latent_dim=8, resolution=32, channels=1, base_filters=8, norm=norm)
        assert layer in kinds(g) and keras.layers.BatchNormalization not in kinds(g)


def test_bad_norm_names_the_choices():
    with pytest.raises(ValueError, match="discriminator.norm must be one of batch, layer, group, none"):
        dcgan_discriminator(resolution=28, channels=1, base_filters=8, norm="virtual_batch")


@pytest.mark.parametrize("overrides", [
    {"generator.norm": "virtual_batch", "discriminator.minibatch_discrimination": 4},
    {"generator.norm": "group", "discriminator.norm": "layer", "discriminator.minibatch_stddev": 2},
    {"discriminator.spectral_norm": True, "generator.attention_resolution": 14, "discriminator.attention_resolution": 14},
])
def test_options_reachable_from_preset_keys(overrides):
    gan = tiny_image_gan("dcgan", **overrides)
    history = gan.fit(images(16), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["d_loss"][-1])
    assert gan.generate(n=3).shape == (3, 28, 28, 1)


def test_virtual_batch_generator_round_trips_through_keras_saving(tmp_path):
    g = dcgan_generator(latent_dim=8, resolution=28, channels=1, base_filters=8, norm="virtual_batch")
    g.save(tmp_path / "g.keras")
    back = keras.models.load_model(tmp_path / "g.keras")
    np.testing.assert_allclose(back(Z, training=False), g(Z, training=False), atol=1e-6)


def test_canvas_auto_builds_the_networks_at_32_for_28x28_data_cropping_g_and_padding_d_with_black():
    from keras_gans.networks import dcgan_discriminator, dcgan_generator

    kw = {"channels": 1, "base_filters": 4, "norm": "none"}
    g28 = dcgan_generator(latent_dim=8, resolution=28, canvas="auto", **kw)
    g32 = dcgan_generator(latent_dim=8, resolution=32, **kw)
    assert g28.output_shape == (None, 28, 28, 1) and len(g28.layers) == len(g32.layers) + 1  # + the crop
    g32.set_weights(g28.get_weights())
    z = np.random.default_rng(0).standard_normal((3, 8)).astype("float32")
    np.testing.assert_allclose(np.array(g28(z)), np.array(g32(z))[:, 2:30, 2:30], rtol=1e-6)
    d28 = dcgan_discriminator(resolution=28, canvas="auto", **kw)
    d32 = dcgan_discriminator(resolution=32, **kw)
    d32.set_weights(d28.get_weights())
    x = np.random.default_rng(1).uniform(-1, 1, (3, 28, 28, 1)).astype("float32")
    padded = np.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)), constant_values=-1.0)
    np.testing.assert_allclose(np.array(d28(x)), np.array(d32(padded)), rtol=1e-5, atol=1e-6)
    assert dcgan_generator(latent_dim=8, resolution=32, canvas="auto", **kw).count_params() == g32.count_params()
    with pytest.raises(ValueError, match="canvas"):
        dcgan_generator(latent_dim=8, resolution=28, canvas=16, **kw)
