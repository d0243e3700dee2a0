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


def alternating_step_times(presets, warmup=5, steps=20, rounds=6):
    """(the built GANs, ms of each timed step of each) of resolved presets trained in one process, ``steps``
    steps of each in turn for ``rounds`` rounds: both sides see the same machine at the same moments, so a
    small difference between them is not lost in the spread between processes."""
    gans = [keras_gans.zoo.build_gan(p) for p in presets]
    data = [synthetic_dataset(p, p["batch_size"]) for p in presets]
    for gan, ds in zip(gans, data):
        gan.fit(ds, epochs=1, steps_per_epoch=warmup, verbose=0)  # traced once; later fits reuse the function
    times = [[] for _ in presets]
    for _ in range(rounds):
        for gan, ds, ms in zip(gans, data, times):
            timer = StepTimer()
            gan.fit(ds, epochs=1, steps_per_epoch=steps + 1, callbacks=[timer], verbose=0)
            ms += [1000 * (b - a) for a, b in zip(timer.times, timer.times[1:])]
    return gans, times


def speed_against(args, preset, against):
    """``benchmark.py speed --against KEY=VALUE``: the preset against itself with ``against``, alternating in
    one process; prints the median ms per step of each and their ratio."""
    _, (ms, other) = alternating_step_times([preset, against], args.warmup, args.steps, args.rounds)
    a, b = float(np.median(ms)), float(np.median(other))
    print(f"speed preset={args.preset} against={' '.join(args.against)} rounds={args.rounds} steps_per_round={args.steps} "
          f"ms_per_step={a:.2f} against_ms_per_step={b:.2f} ratio={a / b:.4f} change_cost={b / a:.3f}x "
          f"(the preset {100 * (a / b - 1):+.1f}% against the change; with the change each step takes {b / a:.3f}x)")
