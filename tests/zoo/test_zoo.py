import numpy as np
import pytest

from keras_gans import zoo
from keras_gans.models import GAN, WGAN
from tests.helpers import images, tiny_image_gan

IMAGE_PRESETS = ["dcgan", "lsgan", "wgan", "wgan_gp", "hinge"]  # the MNIST ones


def test_list_names_every_preset_with_a_reference():
    listed = zoo.list()
    assert set(listed) >= {"gaussian_ring", *IMAGE_PRESETS}
    for name in listed:
        preset = zoo.resolve(name)
        assert preset["reference"] and preset["description"]
        assert preset["reference"] in listed[name]


@pytest.mark.parametrize("name", IMAGE_PRESETS)
def test_every_image_preset_trains_a_step(name):
    gan = tiny_image_gan(name)
    preset = zoo.resolve(name)
    assert isinstance(gan, WGAN if name == "wgan" else GAN)
    assert gan.gan_loss.name == preset["loss"]["name"]
    assert gan.d_steps == preset["model"]["d_steps"]
    assert float(gan.d_optimizer.learning_rate) == pytest.approx(preset["optimizers"]["d"]["learning_rate"])
    hist = gan.fit(images(8 * gan.d_steps), batch_size=8, epochs=1, verbose=0)  # d_steps real batches per step
    assert np.isfinite(hist.history["d_loss"][0]) and np.isfinite(hist.history["g_loss"][0])


def test_paper_hyper_parameters():
    gp = zoo.resolve("wgan_gp")
    assert gp["regularizers"]["gradient_penalty"]["weight"] == 10.0
    assert gp["model"]["d_steps"] == 5
    assert (gp["optimizers"]["d"]["beta_1"], gp["optimizers"]["d"]["beta_2"]) == (0.0, 0.9)
    w = zoo.resolve("wgan")
    assert w["optimizers"]["d"]["name"] == "rmsprop" and w["model"]["clip_value"] == 0.01
    assert zoo.resolve("dcgan")["optimizers"]["g"]["beta_1"] == 0.5


def test_overrides_dotted_nested_and_by_name():
    p = zoo.resolve("dcgan", **{"optimizers.d.learning_rate": 1e-3}, generator={"base_filters": 32}, loss="hinge")
    assert p["optimizers"]["d"] == {"name": "adam", "learning_rate": 1e-3, "beta_1": 0.5, "beta_2": 0.999}
    assert p["generator"] == {"network": "dcgan", "base_filters": 32}
    assert p["loss"] == {"name": "hinge"}


def test_unknown_preset_suggests_close_names():
    with pytest.raises(KeyError, match="Did you mean 'wgan_gp'"):
        zoo.load("wgan-gp")


def test_unknown_override_lists_valid_keys():
    with pytest.raises(KeyError, match=r"Unknown override 'learning_rate'.*Valid keys: .*optimizers\.d\.learning_rate"):
        zoo.resolve("dcgan", learning_rate=1e-3)


def test_unknown_network_parameter_lists_valid_ones():
    with pytest.raises(TypeError, match="does not take 'filters'.*base_filters"):
        zoo.load("dcgan", **{"generator.filters": 3})


def test_unknown_optimizer_or_loss_parameter_lists_valid_ones():
    with pytest.raises(TypeError, match="optimizer 'adam' does not take 'momentum'.*beta_1"):
        zoo.load("dcgan", **{"optimizers.d.momentum": 0.9})
    with pytest.raises(TypeError, match="regularizer 'gradient_penalty' does not take 'lam'.*weight"):
        zoo.load("wgan_gp", **{"regularizers.gradient_penalty.lam": 5.0})


@pytest.mark.parametrize("override,error,message", [
    ({"generator.slope_schedule": {"begin": 0.5}}, TypeError, "slope_schedule does not take 'begin'.*decay_steps"),
    ({"model.balance": {"d_max": 0.5}}, TypeError, "model.balance does not take 'd_max'.*d_max_accuracy"),
    ({"replay_buffer": {"sise": 5}}, TypeError, "replay_buffer does not take 'sise'.*size, fraction"),
    ({"g_regularizers.jacobian_clamping.lmax": 5}, TypeError, "generator regularizer 'jacobian_clamping' does not take 'lmax'.*lambda_max"),
    ({"d_input_transforms.adaptive_augment.p": 0.5}, TypeError, "transform 'adaptive_augment' does not take 'p'.*initial_p"),
    ({"model.update_rule": "extragradiant"}, KeyError, "Did you mean 'extragradient'"),
])
def test_training_dynamics_parameters_are_checked(override, error, message):
    with pytest.raises(error, match=message):
        zoo.load("gaussian_ring", **override)


def test_pytorch_dcgan_configuration_is_reachable():
    gan = zoo.load("dcgan", resolution=64, precision="float32")
    assert gan.generator.output_shape == (None, 64, 64, 1)
    assert gan.latent_dim == 100
    n = lambda m: sum(int(np.prod(v.shape)) for v in m.trainable_variables)  # noqa: E731
    assert (n(gan.generator), n(gan.discriminator)) == (3574656, 2763520)  # the PyTorch example's counts
