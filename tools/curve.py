"""Time to quality: scores against wall-clock minutes (``tools/benchmark.py curve`` and ``curve-one``).

``curve`` trains every preset in its own process for ``--minutes`` of wall time counted from that
process's start (imports, data loading and tracing included) and scores the sampling generator (the EMA
copy where the preset keeps one) at every ``--eval-every-minutes`` mark; evaluation time is not counted.
Peers (``--peers torch_dcgan,kerasio_wgan_gp``) are trained by the peers' own runner for each of
``--peer-minutes`` and their 10,000 samples are scored by the same judge. Results: one JSON per run (kept
and reused), ``curve.csv`` and ``curve.png`` (FID against minutes, log scale, every run on one plot).
"""

import csv
import json
import os
import re
import subprocess
import sys
import time

TOOLS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(TOOLS)
METRICS = ("fid", "kid", "pr", "modes")
COLUMNS = ("label", "kind", "minutes", "step", "fid", "kid", "precision", "recall", "modes", "num_modes", "reverse_kl",
           "accuracy", "real_accuracy", "intra_fid")


def slug(label):
    return re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_")


# ----------------------------------------------------------------------------------------- one run
def judge(preset, n, metrics=METRICS):
    """A function (generator or images) -> scores: the packaged extractor of the preset's data, its
    reference statistics computed once (cached like ``keras-gans eval``'s)."""
    from keras_gans.metrics.evaluation import Evaluation
    from keras_gans.metrics.run_evaluation import evaluation_arguments

    stacked = str(preset["dataset"]["name"]).startswith("stacked_mnist")
    # Stacked MNIST is judged by its 1,000 modes (each channel's digit by the packaged MNIST classifier)
    metrics = ["modes"] if stacked else list(metrics)
    if not preset.get("conditional"):  # the class metrics score conditional presets only
        metrics = [m for m in metrics if m not in ("accuracy", "intra_fid")]
    arguments = evaluation_arguments(preset, metrics, n=n, extractor="mnist" if stacked else "auto")
    holder = {}

    def score(gan=None, images=None):
        ev = Evaluation(gan, reference=holder.get("reference"), **arguments)
        if "class_reference" in holder:
            ev.class_reference = holder["class_reference"]
        if images is not None:
            ev.samples = images  # scoring given samples (a peer's) instead of a generator's
        try:
            values = ev.run(metrics)
        except ValueError as e:  # no classifier of this data's classes: no class coverage
            if "modes" not in str(e):
                raise
            values = ev.run([m for m in metrics if m != "modes"])
        if not stacked:  # the real data's features, computed once (mode counting needs none)
            holder["reference"] = ev.reference
        if "intra_fid" in metrics:
            holder["class_reference"] = ev.class_reference
        if "accuracy" in metrics:  # the judge's own accuracy on real held-out images, beside the samples'
            if "real_accuracy" not in holder:
                from keras_gans.metrics import class_accuracy
                from keras_gans.metrics.run_evaluation import labelled_real_sampler

                x, y = labelled_real_sampler(preset, "test")(n)
                holder["real_accuracy"] = class_accuracy(arguments["mode_classifier"].logits(x), y)["accuracy"]
            values["real_accuracy"] = holder["real_accuracy"]
        return {k: v for k, v in values.items() if isinstance(v, (int, float))}

    return score


def curve_one(args):
    """One preset trained for ``args.minutes`` from process start (``args.process_start``), scored at every mark."""
    import keras
    import numpy as np
    import tensorflow as tf

    import keras_gans
    from keras_gans.cli.train import dataset
    from keras_gans.images import save_samples
    from keras_gans.runtime import resolve_precision

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    overrides = json.loads(args.overrides)
    if args.dataset:
        overrides["dataset.name"] = args.dataset
    preset = keras_gans.zoo.resolve(args.preset, seed=args.seed, **overrides)
    data = dataset(preset)  # first: a conditional preset takes its classes from the data
    gan = keras_gans.zoo.build_gan(preset)
    ds = gan.critic_batches(data)
    score = judge(preset, args.n, args.metrics.split(","))
    marks = [m * 60.0 for m in args.marks]
    result = {"label": args.label, "preset": args.preset, "overrides": overrides, "seed": args.seed,
              "precision_policy": resolve_precision(preset.get("precision", "auto")),  # what the networks compute in
              "marks": []}
    out_dir = os.path.splitext(args.result)[0]
    os.makedirs(out_dir, exist_ok=True)
    labels, rows = None, None
    if gan.conditional:  # the grids: a row per class, 10 each (the --per-class 10 grid of the model cards)
        labels, rows = gan.grid_labels(64, 10)
    z = np.random.default_rng(1234).standard_normal((64 if labels is None else len(labels), gan.latent_dim)).astype(np.float32)

    class Marks(keras.callbacks.Callback):
        paused, step = 0.0, 0

        def stage_grid(self):
            """A growing model: a grid at the last step of every stage (evaluation time, not counted)."""
            schedule = getattr(gan, "schedule", None)
            self.step += 1
            if schedule is None or schedule.stage_at(self.step) == schedule.stage_at(self.step - 1):
                return
            t = time.perf_counter()
            res = schedule.resolutions[schedule.stage_at(self.step - 1)]
            save_samples(os.path.join(out_dir, f"stage_{res}px.png"), gan.generate(z=z),
                         title=f"{args.label}: end of the {res}x{res} stage, step {self.step}")
            self.paused += time.perf_counter() - t

        def on_train_batch_end(self, batch, logs=None):
            self.stage_grid()
            elapsed = time.perf_counter() - args.process_start - self.paused
            if not marks or elapsed < marks[0]:
                return
            t = time.perf_counter()
            step = int(gan.g_optimizer.iterations.numpy())
            values = score(gan)
            minutes = marks.pop(0) / 60.0
            row = {"minutes": minutes, "step": step, "train_seconds": elapsed, **values}
            result["marks"].append(row)
            save_samples(os.path.join(out_dir, f"samples_{minutes:g}min.png"), gan.generate(z=z, labels=labels),
                         title=f"{args.label}: {minutes:g} min, step {step}, " + headline(values), row_names=rows)
            if args.save_run:  # every mark's model, for scoring it again later (e.g. other sampling switches)
                gan.save(os.path.join(out_dir, f"gan_{minutes:g}min.keras"))
            with open(args.result, "w") as f:
                json.dump(result, f, indent=1)
            print(f"{args.label}: {minutes:g} min step {step} " + " ".join(f"{k}={v:.4g}" for k, v in values.items()),
                  flush=True)
            self.paused += time.perf_counter() - t
            if not marks:
                self.model.stop_training = True

    gan.fit(ds, epochs=1, steps_per_epoch=10**9, callbacks=[Marks()], verbose=0)
    if args.save_run:
        gan.save(os.path.join(out_dir, "gan.keras"))


def headline(values):
    if "fid" in values:
        return f"FID {values['fid']:.2f}"
    return f"{values['modes']}/{values['num_modes']} modes, KL {values['reverse_kl']:.3f}"


def run_one(args, label, preset, overrides, seed, path, threads=0):
    """``curve-one`` in a fresh process (its own clock), unless ``path`` already holds every mark."""
    marks = _marks(args)
    if os.path.exists(path) and len(json.load(open(path))["marks"]) >= len(marks):
        return json.load(open(path))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    cmd = [sys.executable, os.path.join(TOOLS, "benchmark.py"), "curve-one", "--label", label, "--preset", preset,
           "--overrides", json.dumps(overrides), "--seed", str(seed), "--result", path, "--n", str(args.n),
           "--marks", ",".join(f"{m:g}" for m in marks), "--threads", str(threads),
           "--metrics", getattr(args, "metrics", ",".join(METRICS))]
    if getattr(args, "save_run", False):
        cmd.append("--save-run")
    if args.dataset:
        cmd += ["--dataset", args.dataset]
    with open(os.path.splitext(path)[0] + ".log", "w") as log:
        subprocess.run(cmd, check=True, stdout=log, stderr=subprocess.STDOUT)
    return json.load(open(path))


def _marks(args):
    if getattr(args, "marks", None):
        return [float(m) for m in str(args.marks).split(",")]
    k, m = args.eval_every_minutes, args.minutes
    marks, t = [], k
    while t < m - 1e-9:
        marks.append(round(t, 4))
        t += k
    return marks + [float(m)]


# ----------------------------------------------------------------------------------------- peers
def run_peer(args, peer, minutes):
    """The peer trained ``minutes`` by ``quality_peers.py`` (its samples kept as npz and reused)."""
    out = os.path.join(args.out, "peers", f"{peer}_{minutes:g}min.npz")
    if not os.path.exists(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        python = args.torch_python if peer == "torch_dcgan" else sys.executable
        env = dict(os.environ)
        data = "mnist"
        if args.dataset and os.path.isdir(args.dataset):
            env["MNIST_DIR"] = os.path.abspath(args.dataset)
        elif args.dataset and args.dataset.endswith(".npz"):
            data = os.path.abspath(args.dataset)
        cmd = [python, os.path.join(args.peers_dir, "quality_peers.py"), peer, "--data", data, "--seconds",
               str(minutes * 60), "--out", os.path.abspath(out), "--batch", "64"]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
        line = [ln for ln in done.stdout.splitlines() if ln.startswith("PEER=")][-1]
        with open(out + ".txt", "w") as f:
            f.write(line + "\n")
    return out


def score_peer(args, path, score):
    import numpy as np

    x = np.load(path)["x"].astype(np.float32) / 127.5 - 1.0
    info = open(path + ".txt").read()
    step = int(re.search(r"steps=(\d+)", info).group(1))
    return step, score(images=x[..., None][: args.n])


# ----------------------------------------------------------------------------------------- curve
def curve(args):
    import keras_gans

    from keras_gans.zoo.overrides import parse_assignments

    rows, overrides = [], parse_assignments(args.set)
    for preset in args.presets.split(","):
        path = os.path.join(args.out, f"{slug(preset)}_seed{args.seed}.json")
        result = run_one(args, preset, preset, overrides, args.seed, path, args.threads)
        rows += [{"label": preset, "kind": "preset", **m} for m in result["marks"]]
    peers = [p for p in (args.peers or "").split(",") if p]
    if peers:
        first = keras_gans.zoo.resolve(args.presets.split(",")[0], **overrides, **({"dataset.name": args.dataset} if args.dataset else {}))
        score = judge(first, args.n)
        for peer in peers:
            for minutes in [float(m) for m in (args.peer_minutes or f"{args.minutes:g}").split(",")]:
                step, values = score_peer(args, run_peer(args, peer, minutes), score)
                rows.append({"label": f"peer {peer}", "kind": "peer", "minutes": minutes, "step": step, **values})
                print(f"peer {peer}: {minutes:g} min step {step} fid={values['fid']:.4g}", flush=True)
    write_csv(os.path.join(args.out, "curve.csv"), rows)
    plot(os.path.join(args.out, "curve.png"), rows, args.title or f"FID against minutes of training ({args.dataset or 'preset data'})",
         parse_lines(args.reference_lines))
    print_table(rows)


def write_csv(path, rows):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items()})
    print(f"wrote {path}")


def parse_lines(text):
    """'1-px blur=9.06,real data=0.077' -> {'1-px blur': 9.06, ...}: horizontal reference lines."""
    out = {}
    for part in filter(None, (text or "").split(",")):
        name, value = part.rsplit("=", 1)
        out[name] = float(value)
    return out


def plot(path, rows, title, lines=None):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    key = "fid" if all("fid" in r for r in rows) else "reverse_kl"  # Stacked MNIST: KL of its 1,000 modes
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for label in dict.fromkeys(r["label"] for r in rows):
        rs = sorted((r for r in rows if r["label"] == label), key=lambda r: r["minutes"])
        peer = rs[0]["kind"] == "peer"
        ax.plot([r["minutes"] for r in rs], [r[key] for r in rs], "s--" if peer else "o-", label=label,
                markersize=5)
    for name, value in (lines or {}).items():
        ax.axhline(value, color="grey", linestyle=":", linewidth=1)
        ax.text(ax.get_xlim()[0], value, f" {name} ({value:g})", va="bottom", fontsize=7, color="grey")
    ax.set_yscale("log")
    ax.set_xlabel("minutes of training (wall clock from process start, evaluation excluded)")
    ax.set_ylabel("FID (log scale)" if key == "fid" else "KL of the modes to uniform (log scale)")
    ax.set_title(title, fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    print(f"wrote {path}")


def print_table(rows):
    conditional = any("accuracy" in r or "intra_fid" in r for r in rows)
    extra = " class accuracy (judge on real test images) | intra-FID |" if conditional else ""
    print("| run | minutes | step | FID | KID | precision | recall | classes or modes (KL to uniform) |" + extra)
    print("|---|---|---|---|---|---|---|---|" + ("---|---|" if conditional else ""))
    fmt = lambda r, k, f: format(r[k], f) if k in r else "-"  # noqa: E731
    for r in rows:
        modes = f"{r['modes']}/{r['num_modes']} ({r['reverse_kl']:.3f})" if "modes" in r else "-"
        accuracy = f" {fmt(r, 'accuracy', '.4f')} ({fmt(r, 'real_accuracy', '.4f')}) | {fmt(r, 'intra_fid', '.2f')} |" if conditional else ""
        print(f"| {r['label']} | {r['minutes']:g} | {r['step']} | {fmt(r, 'fid', '.2f')} | {fmt(r, 'kid', '.4f')} | "
              f"{fmt(r, 'precision', '.3f')} | {fmt(r, 'recall', '.3f')} | {modes} |" + accuracy)


def add_parsers(sub, process_start):
    c = sub.add_parser("curve", help="FID (KID, precision, recall, classes) against wall-clock minutes, peers on the same plot")
    c.add_argument("--presets", required=True, help="comma-separated preset names")
    c.add_argument("--dataset", help="data of every run (a TFDS name, an IDX folder, an npz, an image folder)")
    c.add_argument("--minutes", type=float, required=True)
    c.add_argument("--eval-every-minutes", type=float, required=True)
    c.add_argument("--peers", default="", help="torch_dcgan,kerasio_wgan_gp: the public examples, same budget, same judge")
    c.add_argument("--peer-minutes", default="", help="budgets of the peers' runs (default: --minutes)")
    c.add_argument("--peers-dir", default=os.path.join(REPO, "..", "shared", "peers"), help="folder of quality_peers.py")
    c.add_argument("--torch-python", default="python3", help="a Python with torch (CPU) for the torch peer")
    c.add_argument("--n", type=int, default=10000)
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--threads", type=int, default=0)
    c.add_argument("--title", default="")
    c.add_argument("--reference-lines", default="", help="e.g. '1-px blur=9.06,real data=0.077'")
    c.add_argument("--out", default=os.path.join("runs", "curve"))
    c.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="an override for every preset (repeatable), e.g. resolution=32 and dataset.resize=pad")
    c.add_argument("--metrics", default=",".join(METRICS), help="scores at each mark; add ppl for perceptual path length")
    c.add_argument("--save-run", action="store_true", help="keep each run's model at every mark (gan_<M>min.keras) and at the end (gan.keras)")
    c.set_defaults(fn=curve)
    one = sub.add_parser("curve-one", help=argparse_suppress())
    for flag in ("--label", "--preset", "--overrides", "--result", "--marks"):
        one.add_argument(flag, required=True)
    one.add_argument("--dataset")
    one.add_argument("--seed", type=int, default=0)
    one.add_argument("--n", type=int, default=10000)
    one.add_argument("--threads", type=int, default=0)
    one.add_argument("--save-run", action="store_true")
    one.add_argument("--metrics", default=",".join(METRICS))
    one.set_defaults(fn=lambda a: curve_one(_with_marks(a, process_start)))


def _with_marks(args, process_start):
    args.marks = [float(m) for m in args.marks.split(",")]
    args.process_start = process_start
    return args


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS
