"""Preset values are checked once, where they enter (``zoo.resolve`` / ``zoo.load``), with a message that
names the key and what to give; numbers in a usable form are normalised."""

import pytest

from keras_gans import zoo
from keras_gans.zoo import ConfigError


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"optimizers.d.learning_rate": -1e-4}, "optimizers.d.learning_rate"),
        ({"optimizers.g.learning_rate": -2}, "must lie in [0.0, inf], got -2.0"),
        ({"optimizers.d.learning_rate": float("nan")}, "must be a finite number"),
        ({"optimizers.d.beta_1": 1.5}, "optimizers.d.beta_1"),
        ({"resolution": "abc"}, "resolution (zoo.load(..., **{'resolution': ...}) or --set resolution=...) must be a whole number, got 'abc'"),
        ({"resolution": -4}, "must be >= 4, got -4"),
        ({"latent_dim": 0}, "latent_dim"),
        ({"batch_size": 0}, "batch_size"),
        ({"channels": 2}, "must be 1 (grayscale) or 3 (RGB)"),
        ({"seed": "abc"}, "seed"),
        ({"model.on_nonfinite": {"policy": "rollback", "limit": 0}}, "model.on_nonfinite.limit"),
        ({"model.on_nonfinite": "rollback", "optimizers.d.learning_rate": {"schedule": "cosine", "initial_learning_rate": 1e-3,
                                                                             "decay_steps": 10}}, "needs a constant rate"),
    ],
)
def test_bad_preset_values_are_refused_by_name(overrides, message):
    with pytest.raises(ConfigError) as e:
        zoo.resolve("dcgan", **overrides)
    assert message in str(e.value)


TINY = {"generator.units": [4], "discriminator.units": [4]}


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"model.d_steps": 2.5}, "model.d_steps (zoo.load(..., **{'model.d_steps': ...}) or --set model.d_steps=...) "
                                 "must be a whole number, got 2.5"),
        ({"model.ema_decay": 1.0}, "model.ema_decay"),
        ({"model.ema_decay": 0.99, "model.ema_warmup": 0}, "model.ema_warmup"),
        ({"model.jacobian_truncation": 1.5}, "model.jacobian_truncation"),
        ({"model.balance": {"d_max_accuracy": 0.5, "g_min_accuracy": 0.7}}, "model.balance.g_min_accuracy"),
        ({"regularizers.r1.weight": -1.0}, "regularizers.r1.weight"),
        ({"regularizers.r1.every": 0}, "regularizers.r1.every"),
        ({"regularizers.gradient_penalty.target": -1}, "regularizers.gradient_penalty.target"),
        ({"regularizers.dragan.scale": 0}, "regularizers.dragan.scale"),
        ({"g_regularizers.jacobian_clamping": {"lambda_min": 3.0, "lambda_max": 2.0}},
         "g_regularizers.jacobian_clamping.lambda_max"),
        ({"d_input_transforms.instance_noise.sigma": -0.1}, "d_input_transforms.instance_noise.sigma"),
        ({"d_input_transforms.adaptive_augment.target": -2}, "d_input_transforms.adaptive_augment.target"),
        ({"d_input_transforms.diff_augment.policy": "colour"}, "d_input_transforms.diff_augment.policy"),
        ({"replay_buffer": {"size": 0}}, "replay_buffer.size"),
        ({"replay_buffer": {"fraction": 1.5}}, "replay_buffer.fraction"),
    ],
)
def test_components_and_models_refuse_bad_values_by_their_key_where_they_are_built(overrides, message):
    with pytest.raises(ConfigError) as e:
        zoo.load("gaussian_ring", **{**TINY, **overrides})
    assert message in str(e.value)


def test_usable_values_are_normalised():
    preset = zoo.resolve("dcgan", **{"optimizers.d.learning_rate": 1, "resolution": "32", "seed": 3})
    assert preset["optimizers"]["d"]["learning_rate"] == 1.0 and isinstance(preset["optimizers"]["d"]["learning_rate"], float)
    assert preset["resolution"] == 32 and preset["seed"] == 3
    gan = zoo.load("gaussian_ring", **{**TINY, "model.d_steps": 2.0, "regularizers.r1": {"weight": 1, "every": 2.0}})
    assert gan.d_steps == 2 and isinstance(gan.d_steps, int)
    r1 = gan.d_regularizers[0]
    assert (r1.weight, r1.every) == (1.0, 2) and isinstance(r1.weight, float) and isinstance(r1.every, int)


def test_a_learning_rate_of_one_builds():
    # Keras refuses an int learning rate ("should be float"); the preset turns 1 into 1.0
    gan = zoo.load("gaussian_ring", **{"optimizers.d.learning_rate": 1, "generator.units": [4], "discriminator.units": [4]})
    assert float(gan.d_optimizer.learning_rate) == 1.0
