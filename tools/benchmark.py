"""Benchmarks that print their figures (never run by the tests).

  python tools/benchmark.py speed --preset dcgan --set resolution=64 --batch-size 64
      trains warm-up steps, then times >= 20 steps; prints one line ending in
      ms_per_step=<median> images_per_s=<x>  (a step: d_steps D updates + 1 G update)
"""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import keras_gans  # noqa: E402
from keras_gans.data.pipeline import batch_pipeline  # noqa: E402
from keras_gans.zoo.overrides import parse_assignments  # noqa: E402


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


def speed(args):
    overrides = parse_assignments(args.set)
    if args.batch_size:
        overrides["batch_size"] = args.batch_size
    preset = keras_gans.zoo.resolve(args.preset, **overrides)
    gan = keras_gans.zoo.build_gan(preset)
    batch = preset["batch_size"]
    timer = StepTimer()
    gan.fit(synthetic_dataset(preset, batch), epochs=1, steps_per_epoch=args.warmup + args.steps + 1, callbacks=[timer], verbose=0)
    ms = [1000 * (b - a) for a, b in zip(timer.times[args.warmup :], timer.times[args.warmup + 1 :])]
    median = statistics.median(ms)
    params = lambda m: sum(int(np.prod(v.shape)) for v in m.trainable_variables)  # noqa: E731
    from keras_gans.runtime import resolve_jit_compile, resolve_precision

    print(
        f"speed preset={args.preset} batch={batch} d_steps={gan.d_steps} "
        f"G_params={params(gan.generator)} D_params={params(gan.discriminator)} "
        f"precision={resolve_precision(preset['precision'])} jit_compile={resolve_jit_compile(preset['jit_compile'])} "
        f"timed_steps={len(ms)} p10_ms={np.percentile(ms, 10):.1f} p90_ms={np.percentile(ms, 90):.1f} "
        f"ms_per_step={median:.1f} images_per_s={batch / median * 1000:.1f}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("speed", help="median ms per training step of a preset")
    p.add_argument("--preset", required=True)
    p.add_argument("--batch-size", type=int)
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=20)
    p.set_defaults(fn=speed)
    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
