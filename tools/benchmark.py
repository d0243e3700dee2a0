"""Benchmarks that print their figures (never run by the tests).

  python tools/benchmark.py speed --preset dcgan --set resolution=64 --batch-size 64
      trains warm-up steps, then times >= 20 steps: ms_per_step=<median> images_per_s=<x> (a step: d_steps D
      updates + 1 G update); --against model.health_logs=false: against a change, alternating in one process
  python tools/benchmark.py floor --dataset ../shared/datasets/mnist
      the scale of FID/KID/precision/recall under the MNIST domain extractor: real vs real (train vs
      held-out train, train vs test), test blurred by a Gaussian of sigma 1 px, only 5 of the 10 classes
  python tools/benchmark.py quality --dataset ../shared/datasets/mnist --steps 2000
      every MNIST preset for the same generator steps (runs reused from --out), then FID, KID, precision,
      recall, and modes / high-quality fraction of the toys; one table, also in <out>/quality.md
  python tools/benchmark.py dynamics --jobs 2
      ring of 8 / grid of 25 Gaussians, 3 seeds: the vanilla GAN, each dynamics technique alone, the stable
      presets; modes, balanced modes, % high quality, reverse KL of 2,500 samples (VEEGAN / PacGAN protocol);
      runs kept as JSON under --out and reused; table also in <out>/dynamics.md
  python tools/benchmark.py curve --presets A,B --dataset D --minutes 10 --eval-every-minutes 2 \
        --peers torch_dcgan,kerasio_wgan_gp --torch-python PY
      time to quality: each preset trained for 10 minutes of wall time from its process start, scored
      (FID, KID, precision, recall, classes) every 2 minutes, evaluation excluded; the peers trained for
      the same budget and scored by the same judge; <out>/curve.csv and <out>/curve.png (tools/curve.py)
  python tools/benchmark.py input --dataset ../shared/datasets/mnist
      the input pipeline alone (IDX, npz, PNG, JPEG folders, TFDS; streamed, cached) against every preset's
      step, in images/s; --stream-files 200000: a folder of that many PNGs, peak memory (tools/input_bench.py)
  python tools/benchmark.py doctor --dataset ../shared/datasets/mnist   (tools/doctor_bench.py)
"""

import time

PROCESS_START = time.perf_counter()  # the curve benchmark counts wall time from here

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import keras_gans  # noqa: E402
from keras_gans.zoo.overrides import parse_assignments  # noqa: E402
from step_timing import speed_against, step_times  # noqa: E402


def speed(args):
    overrides = parse_assignments(args.set)
    if args.batch_size:
        overrides["batch_size"] = args.batch_size
    preset = keras_gans.zoo.resolve(args.preset, **overrides)
    batch = preset["batch_size"]
    if args.against:  # the preset against itself with a change, alternating in one process
        return speed_against(args, preset, keras_gans.zoo.resolve(args.preset, **overrides, **parse_assignments(args.against)))
    gan, ms = step_times(preset, args.warmup, args.steps)
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


COSINE = lambda lr, steps: {"schedule": "cosine", "initial_learning_rate": lr, "decay_steps": steps, "alpha": 0.01}  # noqa: E731

# each technique added alone to the vanilla preset (gaussian_ring / gaussian_grid: NS-GAN, Adam 1e-4)
TECHNIQUES = {
    "vanilla": {},
    "simultaneous updates": {"model.update_rule": "simultaneous"},
    "extragradient (Extra-Adam)": {"model.update_rule": "extragradient"},
    "optimistic Adam": {"optimizers.d.name": "optimistic_adam", "optimizers.g.name": "optimistic_adam"},
    "n_critic 5": {"model.d_steps": 5},
    "TTUR (D lr x4)": {"optimizers.d.learning_rate": 4e-4},
    "cosine lr schedule (x10 lr)": {"optimizers.d.learning_rate": COSINE(1e-3, 3000), "optimizers.g.learning_rate": COSINE(1e-3, 3000)},
    "grad clip (global norm 1)": {"optimizers.d.global_clipnorm": 1.0, "optimizers.g.global_clipnorm": 1.0},
    "L2 (weight decay 1e-3)": {"optimizers.d.name": "adamw", "optimizers.d.weight_decay": 1e-3,
                               "optimizers.g.name": "adamw", "optimizers.g.weight_decay": 1e-3},
    "R1 (gamma 1)": {"regularizers.r1.weight": 1.0},
    "R2 (gamma 1)": {"regularizers.r2.weight": 1.0},
    "gradient penalty (10)": {"regularizers.gradient_penalty.weight": 10.0},
    "DRAGAN (10)": {"regularizers.dragan.weight": 10.0},
    "Jacobian clamping": {"g_regularizers.jacobian_clamping.weight": 1.0},
    "one-sided label smoothing 0.9": {"loss.real_label": 0.9},
    "two-sided label smoothing": {"loss.real_label": 0.9, "loss.fake_label": 0.1},
    "instance noise (0.1, annealed)": {"d_input_transforms.instance_noise": {"sigma": 0.1, "anneal_steps": 3000}},
    "replay buffer": {"replay_buffer": {"size": 4096, "fraction": 0.5}},
    "feature matching": {"g_regularizers.feature_matching.weight": 1.0},
    "historical averaging": {"regularizers.historical_averaging.weight": 1e-3,
                             "g_regularizers.historical_averaging.weight": 1e-3},
    "EMA of G (0.999)": {"model.ema_decay": 0.999},
    "D/G balance (D acc <= 0.8)": {"model.balance": {"d_max_accuracy": 0.8}},
    "LeakyReLU slope schedule": {"generator.slope_schedule": {"start": 0.5, "end": 0.2, "decay_steps": 1000},
                                 "discriminator.slope_schedule": {"start": 0.5, "end": 0.2, "decay_steps": 1000}},
}


# the stable presets with one ingredient taken out (their own steps)
ABLATIONS = {
    "stable without R1": {"regularizers.r1.weight": 0.0},
    "stable without the EMA of G": {"model.ema_decay": None},
    "stable with a constant lr 1e-3": {"optimizers.d.learning_rate": 1e-3, "optimizers.g.learning_rate": 1e-3},
}


def dynamics_one(args):
    """One run (a subprocess of ``dynamics``): train, sample 2,500 points, score, write JSON."""
    import json

    from keras_gans.cli.train import dataset as _dataset
    from keras_gans.data.toy import TOY
    from keras_gans.metrics import gaussian_mixture_modes

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    overrides = json.loads(args.overrides)
    preset = keras_gans.zoo.resolve(args.preset, seed=args.seed, **overrides)
    gan = keras_gans.zoo.build_gan(preset)
    start = time.time()
    gan.fit(_dataset(preset), epochs=1, steps_per_epoch=args.steps, verbose=0)
    seconds = time.time() - start
    name = preset["dataset"]["name"]
    make_centers, std = TOY[name]
    samples = gan.generate(n=2500, seed=10_000 + args.seed)
    m = gaussian_mixture_modes(samples, make_centers(), std)
    from keras_gans.images import save_samples

    save_samples(args.result[: -len(".json")] + ".png", samples, centers=make_centers(),
                 title=f"{args.preset} {args.overrides if overrides else ''} seed {args.seed}, {args.steps} steps"[:90])
    m = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in m.items()}
    with open(args.result, "w") as f:
        json.dump({"preset": args.preset, "seed": args.seed, "steps": args.steps, "overrides": overrides,
                   "train_seconds": seconds, **m}, f)


def _dynamics_jobs(args):
    """(row label, preset, overrides, steps, seed, result path) of every run of the table."""
    import json
    import re

    jobs = []
    techniques = TECHNIQUES if args.techniques == "all" else {k: TECHNIQUES[k] for k in TECHNIQUES if k in args.techniques.split(";")}
    for data in args.datasets.split(","):
        rows = [(label, f"gaussian_{data}", o, args.steps) for label, o in techniques.items()]
        presets = [p for p in args.presets.split(",") if p.startswith(f"gaussian_{data}")]
        steps_of = lambda p: args.preset_steps or keras_gans.zoo.resolve(p).get("steps", 10000)  # noqa: E731
        rows += [(f"preset {p}", p, {}, steps_of(p)) for p in presets]
        if args.ablation_seeds:
            rows += [(f"{label} (seeds {args.ablation_seeds})", p, o, steps_of(p)) for p in presets for label, o in ABLATIONS.items()]
        for label, preset, overrides, steps in rows:
            slug = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
            seeds = args.ablation_seeds if label.startswith("stable ") else args.seeds
            for seed in map(int, seeds.split(",")):
                path = os.path.join(args.out, data, slug, f"seed{seed}_steps{steps}.json")
                jobs.append((data, label, preset, json.dumps(overrides), steps, seed, path))
    return jobs


def dynamics(args):
    import json
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    jobs = _dynamics_jobs(args)
    todo = [j for j in jobs if not os.path.exists(j[-1])]
    print(f"{len(jobs)} runs, {len(jobs) - len(todo)} already in {args.out}; training {len(todo)} with {args.jobs} job(s)", flush=True)

    def run(job):
        data, label, preset, overrides, steps, seed, path = job
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cmd = [sys.executable, os.path.abspath(__file__), "dynamics-one", "--preset", preset, "--overrides", overrides,
               "--steps", str(steps), "--seed", str(seed), "--result", path, "--threads", str(args.threads)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r = json.load(open(path))
        print(f"  {data} | {label} | seed {seed}: {r['modes']}/{r['num_modes']} modes, {r['balanced_modes']} balanced, "
              f"{100 * r['high_quality']:.1f}% HQ, {r['train_seconds']:.0f} s", flush=True)

    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(run, todo))
    lines = []
    for data in args.datasets.split(","):
        k = 8 if data == "ring" else 25
        lines += ["", f"{data}: {k} Gaussians; 2,500 samples per seed; seeds {args.seeds}; mean over seeds [worst seed]", "",
                  "| run | steps | modes | balanced modes | high quality | reverse KL | all seeds balanced |",
                  "|---|---|---|---|---|---|---|"]
        rows = {}
        for j in jobs:
            if j[0] == data:
                rows.setdefault((j[1], j[4]), []).append(json.load(open(j[-1])))
        for (label, steps), rs in rows.items():
            mean = lambda key: float(np.mean([r[key] for r in rs]))  # noqa: E731
            worst = lambda key: min(r[key] for r in rs)  # noqa: E731
            kl = [r["reverse_kl"] for r in rs]
            ok = all(r["balanced_modes"] == k for r in rs)
            lines.append(f"| {label} | {steps} | {mean('modes'):.1f} [{worst('modes')}] | {mean('balanced_modes'):.1f} "
                         f"[{worst('balanced_modes')}] | {100 * mean('high_quality'):.1f}% [{100 * worst('high_quality'):.1f}%] | "
                         f"{np.mean(kl):.3f} [{max(kl):.3f}] | {'yes' if ok else 'no'} |")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "dynamics.md"), "w") as f:
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
    p.add_argument("--against", action="append", default=[], metavar="KEY=VALUE", help="time the preset against this change")
    p.add_argument("--rounds", type=int, default=6, help="with --against: rounds of --steps steps of each side")
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
    d = sub.add_parser("dynamics", help="mode-collapse benchmarks: vanilla, each technique, the stable presets")
    d.add_argument("--datasets", default="ring,grid")
    d.add_argument("--seeds", default="0,1,2")
    d.add_argument("--steps", type=int, default=3000, help="steps of the vanilla and single-technique runs")
    d.add_argument("--techniques", default="all", help="'all' or labels of TECHNIQUES separated by ';'")
    d.add_argument("--presets", default="gaussian_ring_stable,gaussian_grid_stable")
    d.add_argument("--preset-steps", type=int, default=0, help="steps of the stable presets' runs (0: each preset's own)")
    d.add_argument("--ablation-seeds", default="0", help="seeds of the ablations of the stable presets ('' for none)")
    d.add_argument("--out", default=os.path.join("runs", "dynamics"))
    d.add_argument("--jobs", type=int, default=1, help="runs trained at once (one process each)")
    d.add_argument("--threads", type=int, default=0, help="TensorFlow threads per run (0: TensorFlow's default)")
    d.set_defaults(fn=dynamics)
    one = sub.add_parser("dynamics-one", help=argparse.SUPPRESS)
    for flag in ("--preset", "--overrides", "--result"):
        one.add_argument(flag, required=True)
    one.add_argument("--steps", type=int, required=True)
    one.add_argument("--seed", type=int, required=True)
    one.add_argument("--threads", type=int, default=0)
    one.set_defaults(fn=dynamics_one)
    import curve, doctor_bench, input_bench, projection_bench, recipes, rescore, stacked_floor, strips  # noqa: E401

    curve.add_parsers(sub, PROCESS_START)
    projection_bench.add_parser(sub)
    recipes.add_parser(sub)
    strips.add_parser(sub)
    rescore.add_parser(sub)
    stacked_floor.add_parser(sub)
    input_bench.add_parser(sub)
    doctor_bench.add_parser(sub)
    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
