import keras
import numpy as np
import tensorflow as tf

from keras_gans.regularizers import ConsistencyRegularization, get_regularizer
from tests.helpers import images, tiny_image_gan


def sum_critic(size=8):
    """D(x) = sum of pixels: flips keep it, translations lose what leaves the frame."""
    inp = keras.Input((size, size, 1))
    return keras.Model(inp, keras.layers.Lambda(lambda x: tf.reduce_sum(x, axis=[1, 2, 3])[:, None])(inp))


def test_zero_for_an_invariant_critic_and_the_squared_difference_otherwise():
    d = sum_critic()
    centred = np.zeros((16, 8, 8, 1), np.float32)
    centred[:, 3:5, 3:5] = 1.0  # a blob far from the border: flips and 1-pixel shifts keep every pixel
    reg = ConsistencyRegularization(weight=10.0)
    np.testing.assert_allclose(reg(d, centred, centred, keras.random.SeedGenerator(0)).numpy(), 0.0, atol=1e-6)
    full = np.ones((64, 8, 8, 1), np.float32)  # shifted by (dy, dx): (8 - |dy|)(8 - |dx|) pixels remain
    out = reg(d, full, full, keras.random.SeedGenerator(1)).numpy()
    lost = np.sqrt(out / 10.0)
    possible = {64 - (8 - abs(a)) * (8 - abs(b)) for a in (-1, 0, 1) for b in (-1, 0, 1)}
    assert set(np.round(lost).astype(int)) <= possible and len(set(np.round(lost).astype(int))) > 1


def test_trains_from_a_preset_override():
    gan = tiny_image_gan("dcgan", **{"regularizers.consistency.weight": 10.0})
    assert isinstance(gan.d_regularizers[0], ConsistencyRegularization)
    hist = gan.fit(images(8), batch_size=8, epochs=1, verbose=0)
    assert hist.history["consistency"][0] >= 0.0 and np.isfinite(hist.history["d_loss"][0])
    assert get_regularizer("consistency").get_config() == {"weight": 10.0, "every": 1}
