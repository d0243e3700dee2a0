import numpy as np

from keras_gans.layers import ScheduledLeakyReLU
from tests.helpers import points, toy_gan


def test_slope_decays_as_a_saturating_exponential_and_acts_as_leaky_relu():
    layer = ScheduledLeakyReLU(start=0.6, end=0.1, decay_steps=50)
    x = np.linspace(-2, 2, 9, dtype=np.float32)[None]
    layer(x)
    for step in (0, 50, 500):
        layer.set_step(step)
        slope = 0.1 + 0.5 * np.exp(-step / 50)
        np.testing.assert_allclose(float(layer.slope.numpy()), slope, rtol=1e-6)
        np.testing.assert_allclose(layer(x).numpy(), np.where(x >= 0, x, slope * x), rtol=1e-6)


def test_gan_sets_the_slope_from_its_step_in_both_networks():
    schedule = {"start": 0.5, "end": 0.2, "decay_steps": 3}
    gan = toy_gan(**{"generator.slope_schedule": schedule, "discriminator.slope_schedule": schedule})
    gan.fit(points(40), batch_size=8, epochs=1, verbose=0)  # 5 steps; the last one ran at step 4
    layers = [l for net in (gan.generator, gan.discriminator) for l in net.layers if isinstance(l, ScheduledLeakyReLU)]
    assert len(layers) == 4
    for layer in layers:
        np.testing.assert_allclose(float(layer.slope.numpy()), 0.2 + 0.3 * np.exp(-4 / 3), rtol=1e-6)
