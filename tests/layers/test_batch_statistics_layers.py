"""MinibatchDiscrimination and MinibatchStdDev: a collapsed batch looks different from a diverse one."""

import keras
import numpy as np
import pytest

from keras_gans.layers import MinibatchDiscrimination, MinibatchStdDev


def test_minibatch_discrimination_matches_the_paper_formula():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 5)).astype("float32")
    layer = MinibatchDiscrimination(num_kernels=4, kernel_dim=3)
    y = np.array(layer(x))
    m = (x @ np.array(layer.t)).reshape(6, 4, 3)
    o = np.array([[sum(np.exp(-np.abs(m[i, b] - m[j, b]).sum()) for j in range(6)) for b in range(4)] for i in range(6)])
    np.testing.assert_allclose(y[:, :5], x)
    np.testing.assert_allclose(y[:, 5:], o, rtol=1e-5)


def test_minibatch_discrimination_tells_a_collapsed_batch_from_a_diverse_one():
    keras.utils.set_random_seed(1)  # the tensor T is drawn at build time
    rng = np.random.default_rng(1)
    layer = MinibatchDiscrimination(num_kernels=8, kernel_dim=4)
    diverse = rng.standard_normal((16, 10)).astype("float32") * 3
    collapsed = np.repeat(diverse[:1], 16, axis=0)
    o_collapsed = np.array(layer(collapsed))[:, 10:]
    o_diverse = np.array(layer(diverse))[:, 10:]
    np.testing.assert_allclose(o_collapsed, 16.0, rtol=1e-6)  # every distance 0: exp(0) summed over the batch
    assert o_diverse.max() < 0.5 * o_collapsed.min()


def test_minibatch_stddev_by_hand_and_for_collapse():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((8, 3, 3, 2)).astype("float32")
    y = np.array(MinibatchStdDev(group_size=4, epsilon=0.0)(x))
    assert y.shape == (8, 3, 3, 3)
    np.testing.assert_allclose(y[..., :2], x)
    for b in range(2):  # group b holds samples 4b .. 4b + 3
        stat = np.mean(np.std(x[4 * b : 4 * b + 4], axis=0))
        np.testing.assert_allclose(y[4 * b : 4 * b + 4, ..., 2], stat, rtol=1e-5)
    collapsed = np.array(MinibatchStdDev(group_size=4, epsilon=0.0)(np.repeat(x[:1], 8, axis=0)))
    assert np.all(collapsed[..., 2] == 0.0) and np.all(y[..., 2] > 0.5)


@pytest.mark.parametrize("make", [lambda: MinibatchDiscrimination(4, 3), lambda: MinibatchStdDev(2)])
def test_a_gan_keeps_real_and_fake_apart_for_batch_coupling_layers(make):
    # one D call on real + fake joined would let the layer compare real samples with fakes
    from keras_gans.models.training_data import couples_samples as _couples_samples

    flat = keras.Sequential([keras.Input((6,)), keras.layers.Dense(4)])
    coupled = keras.Sequential([keras.Input((6,)), keras.layers.Dense(4), make()])
    assert not _couples_samples(flat) and _couples_samples(coupled)
