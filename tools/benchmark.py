"""Benchmarks that print their figures (never run by the tests).

  python tools/benchmark.py speed --preset dcgan --set resolution=64 --batch-size 64
      trains warm-up steps, then times >= 20 steps; prints one line ending in
      ms_per_step=<median> images_per_s=<x>  (a step: d_steps D updates + 1 G update)
  python tools/benchmark.py floor --dataset ../shared/datasets/mnist
      the scale of FID/KID/precision/recall under the MNIST domain extractor: real vs real (train vs
      held-out train, train vs test), test blurred by a Gaussian of sigma 1 px, only 5 of the 10 classes
  python tools/benchmark.py quality --dataset ../shared/datasets/mnist --steps 2000
      trains every MNIST preset for the same number of generator steps (runs kept in --out, reused
      when already there), then FID, KID, precision, recall of each, and modes / high-quality fraction
      of gaussian_ring and gaussian_grid; one table, also written to <out>/quality.md
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


def real_images(dataset, split, n, seed=0, labels=False):
    """n real images in [-1, 1] (and their labels) from a labelled source, shuffled with a fixed seed."""
    ds = keras_gans.data.load(dataset, split=split, batch_size=1000, seed=seed, shuffle=True)
    xs, ys = zip(*[(x.numpy(), y.numpy()) for x, y in ds])
    x, y = np.concatenate(xs), np.concatenate(ys)
    return (x[:n], y[:n]) if not labels else (x, y)


def gaussian_blur(images, sigma=1.0):
    """Separable Gaussian blur (radius 3 sigma), borders reflected so the background stays background."""
    r = int(np.ceil(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k = (k / k.sum()).astype(np.float32)
    x = tf.pad(tf.constant(images, tf.float32), [[0, 0], [r, r], [r, r], [0, 0]], mode="REFLECT")
    x = tf.nn.conv2d(x, k.reshape(-1, 1, 1, 1), 1, "VALID")
    x = tf.nn.conv2d(x, k.reshape(1, -1, 1, 1), 1, "VALID")
    return x.numpy()


def scores(extractor, reference, images):
    from keras_gans.metrics import fid_from_activations, kid_from_activations, precision_recall

    feats = extractor.features(images)
    kid, _ = kid_from_activations(reference, feats)
    return {"fid": fid_from_activations(reference, feats), "kid": kid, **precision_recall(reference, feats)}


def floor(args):
    from keras_gans.metrics.extractors import resolve_extractor

    extractor = resolve_extractor(args.extractor, (28, 28, 1))
    n = args.n
    train_x, train_y = real_images(args.dataset, "train", None, seed=args.seed, labels=True)
    test_x, _ = real_images(args.dataset, "test", n, seed=args.seed)
    reference = extractor.features(train_x[:n])
    held_out_x, held_out_y = train_x[n:], train_y[n:]
    rows = {
        f"train (other {n})": held_out_x[:n],
        f"test ({len(test_x)})": test_x,
        "test, Gaussian blur sigma 1 px": gaussian_blur(test_x, 1.0),
        "train, 5 of 10 classes (0-4)": held_out_x[held_out_y < 5][:n],
    }
    print(f"reference: {n} train images of {args.dataset}; features {extractor.id}")
    print(f"{'compared with':34s} {'FID':>9s} {'KID':>9s} {'precision':>9s} {'recall':>9s}")
    for name, images in rows.items():
        s = scores(extractor, reference, images)
        print(f"{name:34s} {s['fid']:9.3f} {s['kid']:9.4f} {s['precision']:9.3f} {s['recall']:9.3f}")


MNIST_PRESETS = ["dcgan", "lsgan", "hinge", "wgan", "wgan_gp"]


def run_cli(*argv):
    import subprocess

    cmd = [sys.executable, "-m", "keras_gans.cli", *argv]
    start = time.time()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.time() - start


def _metric_keys(metrics):
    keys = {"fid": {"fid"}, "kid": {"kid"}, "pr": {"precision", "recall"}, "is": {"is"}, "modes": {"modes"}}
    return set().union(*(keys.get(m, {m}) for m in metrics.split(",")))


def train_and_eval(out, preset, steps, dataset, metrics, n, train_only=False, overrides=()):
    """Train (unless the run is already complete), then evaluate; the training wall time is kept in
    ``<run>/train_seconds.json`` so a reused run still reports it."""
    import json

    run = os.path.join(out, preset)
    timing = os.path.join(run, "train_seconds.json")
    if not os.path.exists(timing):
        train = ["train", preset, "--steps", str(steps), "--out", run, "--sample-every", str(steps), "--checkpoint-every", "500"]
        sets = [a for kv in overrides for a in ("--set", kv)]
        seconds = run_cli(*train, *(["--dataset", dataset] if dataset else []), *sets)
        with open(timing, "w") as f:
            json.dump({"steps": steps, "seconds": seconds}, f)
    if train_only:
        return None
    path = os.path.join(run, "metrics.json")
    report = json.load(open(path)) if os.path.exists(path) else {}
    fresh = report.get("step") == steps and report.get("n") == n and set(report.get("metrics", {})) >= _metric_keys(metrics)
    if not fresh:  # evaluate unless the run already holds these metrics for this step and n
        run_cli("eval", run, "--metrics", metrics, "--n", str(n))
        with open(path) as f:
            report = json.load(f)
    with open(timing) as f:
        t = json.load(f)
    report["ms_per_step"] = 1000 * t["seconds"] / t["steps"]
    return report


def quality(args):
    lines = [f"Quality at {args.steps} generator steps (seed 0{'; ' + ' '.join(args.set) if args.set else ''}); "
             f"{args.n} samples; features of the packaged MNIST classifier; reference: train split", "",
             "| preset | FID | KID | precision | recall | IS | digit classes (KL to uniform) | train wall ms/step |",
             "|---|---|---|---|---|---|---|---|"]
    for preset in args.presets.split(","):
        r = train_and_eval(args.out, preset, args.steps, args.dataset, "fid,kid,pr,is,modes", args.n, args.train_only, args.set)
        if r is None:
            continue
        m = r["metrics"]
        lines.append(f"| {preset} | {m['fid']:.2f} | {m['kid']:.4f} | {m['precision']:.3f} | {m['recall']:.3f} | "
                     f"{m['is']:.2f} | {m['modes']}/10 ({m['reverse_kl']:.3f}) | {r['ms_per_step']:.0f} |")
        print(lines[-1], flush=True)
    toys = [] if args.no_toy else ["gaussian_ring", "gaussian_grid"]
    lines += [] if not toys else ["", f"Toy mixtures at {args.toy_steps} steps, 2,500 samples (VEEGAN / PacGAN protocol)", "",
              "| preset | modes | balanced modes | high quality | reverse KL |", "|---|---|---|---|---|"]
    for preset in toys:
        r = train_and_eval(args.out, preset, args.toy_steps, None, "modes", 2500, args.train_only)
        if r is None:
            continue
        m = r["metrics"]
        lines.append(f"| {preset} | {m['modes']}/{m['num_modes']} | {m['balanced_modes']}/{m['num_modes']} | "
                     f"{100 * m['high_quality']:.1f}% | {m['reverse_kl']:.3f} |")
        print(lines[-1], flush=True)
    if args.train_only:
        return
    with open(os.path.join(args.out, "quality.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


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
    f = sub.add_parser("floor", help="FID/KID/precision/recall of real data against real data and degraded real data")
    f.add_argument("--dataset", default="mnist", help="labelled MNIST-like data: TFDS name or IDX folder")
    f.add_argument("--extractor", default="mnist")
    f.add_argument("--n", type=int, default=10000)
    f.add_argument("--seed", type=int, default=0)
    f.set_defaults(fn=floor)
    q = sub.add_parser("quality", help="train every MNIST preset for a fixed budget, then score them")
    q.add_argument("--dataset", default="mnist")
    q.add_argument("--presets", default=",".join(MNIST_PRESETS))
    q.add_argument("--steps", type=int, default=2000)
    q.add_argument("--toy-steps", type=int, default=3000)
    q.add_argument("--n", type=int, default=10000)
    q.add_argument("--out", default=os.path.join("runs", "quality"))
    q.add_argument("--train-only", action="store_true", help="train the runs, evaluate later")
    q.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override for every preset, e.g. dataset.resize=pad")
    q.add_argument("--no-toy", action="store_true", help="skip gaussian_ring / gaussian_grid")
    q.set_defaults(fn=quality)
    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
