"""A conditional GAN is the GAN with labels: the real batch's labels and the fakes' drawn labels condition every
call of D (regularisers included), the replay buffer keeps labels, ``generate`` samples the classes asked, and
a trained model puts each class where its data lies."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.data import DataError
from keras_gans.models import GAN, ReplayBuffer
from keras_gans.models.conditioning import Labelled
from keras_gans.networks import mlp_discriminator, mlp_generator
from tests.helpers import toy_gan


def _gan(num_classes=3, **compile_args):
    g = mlp_generator(latent_dim=2, units=(8,), conditioning="embed", num_classes=num_classes)
    d = mlp_discriminator(units=(8,), conditioning="projection", num_classes=num_classes)
    gan = GAN(g, d, num_classes=num_classes, seed=0)
    gan.compile(**{"loss": "hinge", **compile_args})
    return gan


def _sq_input_grad(d, x, y):
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = d([x, y], training=True)
    return np.sum(np.square(tape.gradient(out, x).numpy()), axis=1)


def test_d_and_its_penalties_see_each_batch_with_its_own_labels():
    gan = _gan(regularizers=[{"name": "r1", "weight": 1.0}, {"name": "r2", "weight": 2.0}])
    d, rng = gan.discriminator, np.random.default_rng(0)
    d.get_layer("class_projection").set_weights([rng.standard_normal((3, 8)).astype("float32")])  # labels matter
    real, fake = (tf.constant(rng.standard_normal((6, 2)), tf.float32) for _ in range(2))
    yr, yf = tf.constant([0, 1, 2, 0, 1, 2]), tf.constant([2, 2, 1, 1, 0, 0])
    _, logs = gan.discriminator_objective(real, fake, yr, yf)
    r, f = np.ravel(d([real, yr])), np.ravel(d([fake, yf]))
    np.testing.assert_allclose(logs["d_loss"], np.maximum(0, 1 - r) + np.maximum(0, 1 + f), rtol=1e-5)
    np.testing.assert_allclose(logs["r1"], 0.5 * 1.0 * _sq_input_grad(d, real, yr), rtol=1e-4)
    np.testing.assert_allclose(logs["r2"], 0.5 * 2.0 * _sq_input_grad(d, fake, yf), rtol=1e-4)  # R2: the fakes' labels
    assert np.abs(_sq_input_grad(d, fake, yf) - _sq_input_grad(d, fake, yr)).max() > 1e-3  # which labels is visible


def test_a_labelled_network_repeats_its_labels_for_a_joined_batch_and_fills_one_class():
    d = mlp_discriminator(units=(8,), conditioning="projection", num_classes=3)
    d.get_layer("class_projection").set_weights([np.random.default_rng(1).standard_normal((3, 8)).astype("float32")])
    x, y = tf.constant(np.random.default_rng(0).standard_normal((4, 2)), tf.float32), tf.constant([0, 1, 2, 1])
    joined = Labelled(d, y)(tf.concat([x, x], 0))  # consistency regularisation: a batch and its copy
    np.testing.assert_allclose(joined, np.concatenate([d([x, y]), d([x, y])]), rtol=1e-6)
    np.testing.assert_allclose(Labelled(d, np.int32(2))(x), d([x, tf.fill([4], 2)]), rtol=1e-6)


def test_the_replay_buffer_serves_each_stored_fake_with_its_own_label():
    buffer, seed = ReplayBuffer(size=16, fraction=1.0), keras.random.SeedGenerator(0)
    gan = _gan()
    buffer.build(gan)
    first = np.arange(16, dtype="float32").reshape(8, 2)
    first_labels = np.array([0, 1, 2, 0, 1, 2, 0, 1], "int32")
    out, labels = buffer(tf.constant(first), seed, tf.constant(first_labels))  # empty: the current fakes, their labels
    np.testing.assert_array_equal(labels, first_labels)
    out, labels = buffer(tf.constant(first + 100.0), seed, tf.constant((first_labels + 1) % 3))
    for row, label in zip(out.numpy(), labels.numpy()):  # fraction 1: every fake is a stored one, with its label
        i = int(np.flatnonzero(np.all(first == row, axis=1))[0])
        assert label == first_labels[i]


def test_generate_samples_the_classes_asked_and_refuses_others():
    gan = _gan()
    gan.generator.get_layer("class_embedding").set_weights([np.eye(3, 2, dtype="float32") * 5])
    z = np.random.default_rng(0).standard_normal((5, 2)).astype("float32")
    y = np.array([0, 2, 1, 1, 0], "int32")
    np.testing.assert_allclose(gan.generate(z=z, labels=y), gan.generator([z, y]), rtol=1e-6)
    np.testing.assert_allclose(gan.generate(z=z, labels=2), gan.generator([z, np.full(5, 2, "int32")]), rtol=1e-6)
    with pytest.raises(ValueError, match="label 3 is out of range: this GAN has 3 classes"):
        gan.generate(4, labels=[0, 1, 2, 3])
    with pytest.raises(ValueError, match="one class index or one per sample"):
        gan.generate(4, labels=[0, 1])
    with pytest.raises(ValueError, match="unconditional"):
        toy_gan().generate(4, labels=1)


def test_drawn_labels_follow_the_data_distribution_and_truncation_keeps_each_class():
    g = mlp_generator(latent_dim=2, units=(8,), conditioning="embed", num_classes=3)
    gan = GAN(g, mlp_discriminator(units=(8,), conditioning="projection", num_classes=3), num_classes=3,
              label_distribution="data", class_counts=[0, 7, 0])
    kernel, bias = g.get_layer("dense_0").get_weights()
    kernel[:2] = 0.0  # G ignores z: each sample is a function of its class alone
    g.get_layer("dense_0").set_weights([kernel, bias])
    g.get_layer("class_embedding").set_weights([np.random.default_rng(0).standard_normal((3, 2)).astype("float32")])
    of_class = {c: np.asarray(g([np.zeros((1, 2), "float32"), np.array([c], "int32")]))[0] for c in range(3)}
    drawn = gan.generate(6, seed=1)  # class_counts [0, 7, 0]: every drawn label is 1
    np.testing.assert_allclose(drawn, np.repeat(of_class[1][None], 6, 0), rtol=1e-5)
    y = np.array([2, 0, 1, 0, 2], "int32")
    kept = gan.generate(5, labels=y, jacobian_truncation=0.5, seed=3)  # chosen within each class, in the order asked
    np.testing.assert_allclose(kept, np.stack([of_class[c] for c in y]), rtol=1e-5)


def test_each_class_is_generated_where_its_data_lies():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 2048)
    x = (np.stack([np.where(y == 0, -2.0, 2.0), np.zeros(len(y))], 1) + 0.2 * rng.standard_normal((len(y), 2))).astype("float32")
    gan = toy_gan(conditional=True, num_classes=2, batch_size=64, **{"generator.units": [32, 32], "discriminator.units": [32, 32],
                                                                     "optimizers.d.learning_rate": 5e-3, "optimizers.g.learning_rate": 5e-3})
    gan.fit(x, y, batch_size=64, epochs=8, verbose=0)  # 256 steps
    for c, centre in ((0, -2.0), (1, 2.0)):  # one class 4 apart from the other; unconditioned, G would sit between
        median = np.median(gan.generate(500, labels=c, seed=0), 0)
        assert abs(median[0] - centre) < 0.75 and abs(median[1]) < 0.75, (c, median)


@pytest.mark.parametrize("case, message", [
    ("no labels", "conditional .3 classes. and trains on .images, labels."),
    ("out of range", r"labels in \[0, 5\], but the GAN has 3 classes"),
    ("negative", "labels must be >= 0"),
    ("count", "16 samples but 15 labels"),
])
def test_bad_labels_are_refused_with_what_to_do(case, message):
    gan = _gan()
    x = np.random.default_rng(0).standard_normal((16, 2)).astype("float32")
    y = {"no labels": None, "out of range": np.arange(16) % 6, "negative": -np.ones(16, int), "count": np.zeros(15, int)}[case]
    if case == "out of range":  # in a dataset: checked as training reads it
        data = tf.data.Dataset.from_tensor_slices((x, y)).batch(8, drop_remainder=True)
        with pytest.raises(DataError, match=message):
            gan.fit(data, epochs=1, verbose=0)
        return
    with pytest.raises(DataError, match=message):
        gan.fit(x, y, batch_size=8, epochs=1, verbose=0)


def test_a_conditional_network_needs_a_conditional_gan():
    g = mlp_generator(latent_dim=2, units=(8,), conditioning="embed", num_classes=3)
    with pytest.raises(ValueError, match="the generator takes class labels, so the GAN needs num_classes"):
        GAN(g, mlp_discriminator(units=(8,)))
