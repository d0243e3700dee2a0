import os

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.models import GAN, WGAN
from tests.helpers import images, max_abs_diff, points, tiny_image_gan, toy_gan, weights


def test_train_step_updates_both_players_with_d_steps_ratio():
    gan = toy_gan(**{"model.d_steps": 3})
    g0, d0 = weights(gan.generator), weights(gan.discriminator)
    hist = gan.fit(points(96), batch_size=8, epochs=1, verbose=0)
    assert int(gan.g_optimizer.iterations) == 4  # 96 / 8 = 12 real batches, 3 per step (one per D update)
    assert int(gan.d_optimizer.iterations) == 12  # three D updates per step
    assert max_abs_diff(g0, weights(gan.generator)) > 0
    assert max_abs_diff(d0, weights(gan.discriminator)) > 0
    assert {"d_loss", "g_loss", "real_accuracy", "fake_accuracy"} <= set(hist.history)


def test_two_learning_rates_are_used():
    # TTUR: with plain SGD one step moves each player by lr * gradient; a zero G lr leaves G unchanged
    gan = toy_gan(**{"optimizers.g": {"name": "sgd", "learning_rate": 0.0}, "optimizers.d": {"name": "sgd", "learning_rate": 0.1}})
    g0, d0 = weights(gan.generator), weights(gan.discriminator)
    gan.fit(points(8), batch_size=8, epochs=1, verbose=0)
    assert max_abs_diff(g0, weights(gan.generator)) == 0.0
    assert max_abs_diff(d0, weights(gan.discriminator)) > 0


def test_a_critic_step_matches_hand_computed_non_saturating_loss():
    # one SGD step of D: new weights = old - lr * grad of mean(softplus(-D(x)) + softplus(D(G(z))))
    gan = toy_gan(**{"optimizers.d": {"name": "sgd", "learning_rate": 1.0}})
    x = tf.constant(points(8))
    state = np.array(gan.seed_generator.state)
    gan.seed_generator.state.assign(state)
    z = gan.sample_latents(8)
    gan.seed_generator.state.assign(state)
    fake = gan.generator(z, training=True)
    d = gan.discriminator
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.nn.softplus(-d(x)) + tf.nn.softplus(d(fake)))
    expected = [v.numpy() - g.numpy() for v, g in zip(d.trainable_variables, tape.gradient(loss, d.trainable_variables))]
    gan.critic_step(x)  # one D update on fresh latents
    assert max_abs_diff(expected, [v.numpy() for v in d.trainable_variables]) < 1e-5


def test_wgan_clips_every_critic_weight():
    gan = tiny_image_gan("wgan", **{"optimizers.d": {"name": "sgd", "learning_rate": 10.0}})
    gan.fit(images(80), batch_size=8, epochs=1, verbose=0)  # 2 steps of 5 critic updates, each on its own batch
    c = gan.clip_value
    assert c == 0.01
    for v in gan.discriminator.trainable_variables:
        assert float(np.max(np.abs(v.numpy()))) <= c + 1e-7
    assert max(float(np.max(np.abs(v.numpy()))) for v in gan.discriminator.trainable_variables) == pytest.approx(c)


def test_wgan_gp_logs_penalty_and_estimate():
    gan = tiny_image_gan("wgan_gp", **{"model.d_steps": 2})
    hist = gan.fit(images(16), batch_size=8, epochs=1, verbose=0)
    assert {"d_loss", "g_loss", "gradient_penalty", "wasserstein_estimate"} <= set(hist.history)
    assert "real_accuracy" not in hist.history
    assert hist.history["gradient_penalty"][0] > 0


def test_keras_save_and_load_round_trip(tmp_path):
    gan = tiny_image_gan("wgan_gp", **{"optimizers.d.learning_rate": 3e-4})
    gan.fit(images(40), batch_size=8, epochs=1, verbose=0)
    path = os.path.join(tmp_path, "gan.keras")
    gan.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is GAN
    z = np.random.default_rng(0).standard_normal((4, gan.latent_dim)).astype(np.float32)
    np.testing.assert_allclose(loaded.generate(z=z), gan.generate(z=z), atol=1e-6)
    assert loaded.d_steps == 5 and loaded.latent_dim == 8
    assert loaded.gan_loss.name == "wasserstein"
    assert [r.name for r in loaded.d_regularizers] == ["gradient_penalty"]
    assert float(loaded.d_optimizer.learning_rate) == pytest.approx(3e-4)
    assert int(loaded.d_optimizer.iterations) == 5
    # optimizer slots survive: one more identical step gives identical weights
    for m in (gan, loaded):
        m.seed_generator.state.assign([7, 0])
        m.fit(images(8, seed=3), batch_size=8, epochs=1, verbose=0, shuffle=False)
    assert max_abs_diff(weights(gan.generator), weights(loaded.generator)) < 1e-5


def test_wgan_round_trips_its_clip_value(tmp_path):
    gan = tiny_image_gan("wgan", **{"model.clip_value": 0.05})
    path = os.path.join(tmp_path, "wgan.keras")
    gan.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is WGAN and loaded.clip_value == 0.05


def test_bad_model_arguments_are_clear():
    with pytest.raises(ValueError, match="model.d_steps .* must be >= 1, got 0"):
        toy_gan(**{"model.d_steps": 0})
    with pytest.raises(ValueError, match="latent_distribution"):
        toy_gan(**{"model.latent_distribution": "cauchy"})


def test_g_step_uses_the_updated_discriminator_on_the_d_steps_fakes():
    # one train step with SGD: G's new weights = old - lr * grad of mean(softplus(-D'(G(z)))), where D'
    # is the discriminator after its update and z the latents of that D update
    gan = toy_gan(**{"optimizers.g": {"name": "sgd", "learning_rate": 1.0}, "optimizers.d": {"name": "sgd", "learning_rate": 0.5}})
    state = np.array(gan.seed_generator.state)
    z = gan.sample_latents(8)
    gan.seed_generator.state.assign(state)
    before = keras.models.clone_model(gan.generator)
    before.set_weights(gan.generator.get_weights())
    gan.train_step(tf.constant(points(8)))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.nn.softplus(-gan.discriminator(before(z))))
    grads = tape.gradient(loss, before.trainable_variables)
    expected = [v.numpy() - g.numpy() for v, g in zip(before.trainable_variables, grads)]
    assert max_abs_diff(expected, [v.numpy() for v in gan.generator.trainable_variables]) < 1e-5


def test_data_of_the_wrong_shape_is_a_clear_error():
    gan = tiny_image_gan("dcgan")
    with pytest.raises(ValueError, match=r"shape \(32, 32, 3\).*discriminator takes \(28, 28, 1\).*image_size"):
        gan.fit(images(8, size=32, channels=3), batch_size=8, verbose=0)


def test_joint_and_separate_discriminator_calls_agree():
    # a critic without batch norm sees real and fake in one call; the logits equal two separate calls
    gan = tiny_image_gan("wgan_gp")
    real, fake = tf.constant(images(4, seed=1)), tf.constant(images(4, seed=2))
    r, f = gan.discriminate(real, fake)
    np.testing.assert_allclose(r.numpy(), gan.discriminator(real).numpy(), atol=1e-5)
    np.testing.assert_allclose(f.numpy(), gan.discriminator(fake).numpy(), atol=1e-5)
    # with batch norm the two batches are normalised apart: each call sees only its own statistics
    bn = tiny_image_gan("dcgan")
    r, f = bn.discriminate(real, fake)
    np.testing.assert_allclose(f.numpy(), bn.discriminator(fake, training=True).numpy(), atol=1e-5)
    joint = bn.discriminator(tf.concat([real, fake], 0), training=True).numpy()[4:]
    assert not np.allclose(f.numpy(), joint, atol=1e-3)


def test_generate_leaves_the_training_random_state_alone():
    gan = toy_gan()
    state = np.array(gan.seed_generator.state)
    a, b = gan.generate(n=5, seed=3), gan.generate(n=5, seed=3)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(np.array(gan.seed_generator.state), state)
    assert a.shape == (5, 2)
