"""sngan, sagan, dcgan_sn: the papers' settings, spectral norm where they put it, a training step, and a
.keras round trip of their networks."""

import keras
import numpy as np
import pytest

from keras_gans import zoo
from keras_gans.layers import SelfAttention, SpectralNormalization
from tests.helpers import images

SPECTRAL = ["sngan", "sagan", "dcgan_sn"]
# one D step per G step (sngan's 5 repeat the same update in the traced step)
TINY = {"generator.base_filters": 4, "discriminator.base_filters": 4, "channels": 1, "batch_size": 8,
        "precision": "float32", "jit_compile": False, "model.d_steps": 1}


def layers_of(model, cls):
    return [layer for layer in model.layers if isinstance(layer, cls)]


def test_paper_settings():
    sn = zoo.resolve("sngan")
    assert (sn["loss"]["name"], sn["model"]["d_steps"], sn["resolution"]) == ("hinge", 5, 32)
    assert (sn["optimizers"]["d"]["learning_rate"], sn["optimizers"]["d"]["beta_1"], sn["optimizers"]["d"]["beta_2"]) == (2e-4, 0.0, 0.9)
    sa = zoo.resolve("sagan")
    assert (sa["optimizers"]["d"]["learning_rate"], sa["optimizers"]["g"]["learning_rate"]) == (4e-4, 1e-4)
    assert sa["generator"]["spectral_norm"] and sa["generator"]["attention_resolution"] == 32
    assert zoo.resolve("dcgan_sn")["dataset"]["name"] == "cifar10"


@pytest.mark.parametrize("name", SPECTRAL)
def test_spectral_norm_placement_training_and_round_trip(name, tmp_path):
    gan = zoo.load(name, **TINY)
    d_sn = layers_of(gan.discriminator, SpectralNormalization)
    g_sn = layers_of(gan.generator, SpectralNormalization)
    assert d_sn and all(not isinstance(l, keras.layers.BatchNormalization) for l in gan.discriminator.layers)
    assert bool(g_sn) == (name == "sagan")
    assert bool(layers_of(gan.generator, SelfAttention)) == (name == "sagan")
    u = np.array(d_sn[0].u)
    hist = gan.fit(images(8 * gan.d_steps, size=32), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(hist.history["d_loss"][0])
    assert not np.allclose(np.array(d_sn[0].u), u)  # power iteration runs in the train step
    z = np.random.default_rng(0).standard_normal((4, gan.latent_dim)).astype("float32")
    x = images(4, size=32)
    for net, inp in ((gan.generator, z), (gan.discriminator, x)):
        path = tmp_path / f"{net.name}.keras"
        net.save(path)
        back = keras.models.load_model(path)
        np.testing.assert_allclose(np.array(back(inp, training=False)), np.array(net(inp, training=False)), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", sorted(zoo.list()))
def test_every_presets_networks_round_trip_through_keras_files(name, tmp_path):
    preset = zoo.resolve(name)
    small = {"precision": "float32", "jit_compile": False}
    for net in ("generator", "discriminator"):
        network = preset[net]["network"]
        key = {"mlp": "units", "progressive": "fmap_max", "style": "fmap_max", "residual": "fmap_max"}.get(network, "base_filters")
        small[f"{net}.{key}"] = [8, 8] if key == "units" else 4
    if preset["conditional"]:
        small["num_classes"] = 3
    gan = zoo.load(name, **small)
    rng = np.random.default_rng(1)
    z = rng.standard_normal((4, gan.latent_dim)).astype("float32")  # 4: a batch every packing divides
    y = np.array([0, 2, 1, 0], "int32") % (gan.generator_inputs or 3)  # classes, or the generators of a mixture
    x = np.asarray(gan.generator([z, y] if gan.generator_inputs else z))
    inputs = ([z, y], [x, y]) if gan.d_takes_labels else ([z, y], x) if gan.generator_inputs else (z, x)
    for net, inp in zip((gan.generator, gan.discriminator), inputs):
        net(inp, training=True)  # move batch statistics / power-iteration state off their initial values
        path = tmp_path / f"{net.name}.keras"
        net.save(path)
        back = keras.models.load_model(path)
        np.testing.assert_allclose(np.array(back(inp, training=False)), np.array(net(inp, training=False)), rtol=1e-5, atol=1e-5)
