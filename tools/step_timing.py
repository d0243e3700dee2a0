"""Timing of the training step on synthetic data, shared by ``benchmark.py speed`` and ``input_bench.py``."""

import time

import keras
import numpy as np
import tensorflow as tf

import keras_gans
from keras_gans.data.pipeline import batch_pipeline


class StepTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.times = []

    def on_train_batch_end(self, batch, logs=None):
        float(logs["g_loss"])  # wait for the step to finish
        self.times.append(time.perf_counter())


def synthetic_dataset(preset, batch_size):
    """Random data of the preset's shape through the library's own pipeline (cached, repeated)."""
    rng = np.random.default_rng(0)
    if "data_dim" in preset:
        x, kind = rng.standard_normal((batch_size * 8, preset["data_dim"])).astype(np.float32), "points"
    else:
        r, c = preset["resolution"], preset["channels"]
        x, kind = rng.integers(0, 256, (batch_size * 8, r, r, c), dtype=np.uint8), "image"
    ds = tf.data.Dataset.from_tensor_slices((x, np.zeros(len(x), np.int64)))
    return batch_pipeline(ds, kind, False, batch_size=batch_size, repeat=True, cache=True)


def step_times(preset, warmup=5, steps=20):
    """(the built GAN, ms of each timed training step) of a resolved preset on synthetic data."""
    gan = keras_gans.zoo.build_gan(preset)
    timer = StepTimer()
    data = synthetic_dataset(preset, preset["batch_size"])
    gan.fit(data, epochs=1, steps_per_epoch=warmup + steps + 1, callbacks=[timer], verbose=0)
    return gan, [1000 * (b - a) for a, b in zip(timer.times[warmup:], timer.times[warmup + 1 :])]
