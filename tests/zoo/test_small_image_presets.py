"""The small-image presets train unchanged on 28 to 64 px, 1 or 3 channels (only the shape keys differ)."""

import numpy as np
import pytest

from keras_gans import zoo
from tests.helpers import images


@pytest.mark.parametrize("size, channels", [(28, 1), (32, 3), (64, 3)])
def test_dcgan_ema_trains_on_any_small_image_shape(size, channels):
    gan = zoo.load("dcgan_ema", resolution=size, channels=channels, precision="float32", jit_compile=False, batch_size=8)
    before = gan.generate(n=2, seed=3)
    history = gan.fit(images(16, size=size, channels=channels), batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["g_loss"][-1])
    after = gan.generate(n=2, seed=3)  # the EMA copy, ramped up: it moved within two steps
    assert after.shape == (2, size, size, channels) and np.abs(after - before).max() > 1e-4


def test_the_stacked_mnist_preset_is_the_same_recipe_in_rgb():
    a, b = zoo.resolve("dcgan_ema"), zoo.resolve("dcgan_ema_stacked_mnist")
    assert b["channels"] == 3 and b["dataset"]["name"] == "stacked_mnist"
    for key in ("generator", "discriminator", "loss", "optimizers", "batch_size", "latent_dim"):
        assert a[key] == b[key]
    # the same training; sampling keeps every latent (the benchmark scores the balance of the modes)
    assert {**a["model"], "jacobian_truncation": None} == b["model"]
    assert a["model"]["jacobian_truncation"] == 0.8 and b["model"]["jacobian_truncation"] is None
