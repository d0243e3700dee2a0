"""The doctor against runs broken on purpose (``tools/benchmark.py doctor``): each case is a preset plus the
``--set`` changes that cause one known failure (or none: the healthy presets), trained by ``keras-gans train``
for a few minutes of wall time (then stopped by SIGTERM, which saves the run), then diagnosed from its curves
alone by ``keras_gans.health.diagnose``. Prints expected against diagnosed per case and seed, and writes the
table to ``<out>/doctor.md``; each run keeps its ``health.png``.

  python tools/benchmark.py doctor --dataset ../shared/datasets/mnist --minutes 4 --seeds 0,1 --jobs 2
"""

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

# name: (preset, --set changes, the condition the change is known to cause, or "healthy"; why)
CASES = {
    "dcgan_ema": ("dcgan_ema", [], "healthy", "the small-image recipe"),
    "wgan_gp": ("wgan_gp", [], "healthy", "Gulrajani et al. 2017"),
    "dcgan": ("dcgan", [], "healthy", "Radford et al. 2016"),
    "g_lr_div20": ("dcgan", ["optimizers.g.learning_rate=1e-5"], "d_overpowers_g", "D 20x faster than G: G's rate / 20"),
    "ring_sgd_momentum": ("gaussian_ring", ['optimizers.d={"name":"sgd","learning_rate":0.02,"momentum":0.9}',
                                            'optimizers.g={"name":"sgd","learning_rate":0.02,"momentum":0.9}'],
                          "divergence", "SGD with momentum 0.9 at a rate 200x Adam's on the ring"),
    "minimax_strong_d": ("dcgan", ["loss.name=minimax", "optimizers.d.learning_rate=0.001"], "saturating_g_loss",
                         "the saturating loss of the minimax game against a 5x faster D"),
    "latent_2_no_norm": ("dcgan", ["latent_dim=2", "generator.norm=none"], "mode_collapse",
                         "a 2-D latent space, no batch norm in G"),
    "lr_1e-2_no_guard": ("dcgan", ["optimizers.d.learning_rate=0.01", "optimizers.g.learning_rate=0.01",
                                   "optimizers.d.beta_1=0.9", "optimizers.g.beta_1=0.9", "model.on_nonfinite=skip"],
                         "divergence", "rates 50x the DCGAN rate, non-finite steps skipped"),
    "500_images": ("dcgan_ema", [], "d_overfitting", "500 training images, no augmentation"),
    "wgan_clip_1": ("wgan", ["model.clip_value=1.0"], "divergence", "weight clipping 100x looser than Arjovsky et al."),
    "d_lr_1e-7": ("dcgan", ["optimizers.d.learning_rate=1e-7"], "d_learns_nothing", "a D that cannot move"),
}
# Tried and left out, as they do not break these presets within minutes (the doctor calls them healthy, and
# their samples improve): dcgan with D's rate x20 (Adam's normalised steps and batch norm keep G learning),
# dcgan with G's rate x20 and beta_1 0.9, and dcgan_ema with D's rate x20. And, as they break in other ways
# than oscillation: dcgan_ema with G's rate x20 and beta_1 0.9 (G dies at once: a collapse), dcgan with both
# rates x20 and beta_1 0.9 and dcgan with simultaneous updates, both rates x10 and beta_1 0.9 (healthy in one
# seed, a collapse in the other); dcgan with both rates x10, beta_1 0.9 and beta_2 0.9 (a divergence) and with
# both rates x5 and beta_1 0.95 (D overpowers G) in seed 0. No configuration tried oscillates in both seeds:
# dcgan with both rates x10 and beta_1 0.9 hops between collapse and recovery in seed 0 (the doctor names the
# oscillation) and settles in seed 1 (its diversity climbs to the healthy runs' level; FID 33 against dcgan's
# 20: a slower run, not a broken one); dcgan_ema with beta_1 0.9, wgan_gp with both rates x10 and beta_1 0.9,
# and the ring and the grid with simultaneous or alternating updates at Adam 1e-3 and beta_1 0.9 or G 10x
# faster settle in one seed at least.


def small_dataset(dataset, out, n=500):
    """An IDX folder of the first ``n`` training images of the IDX folder ``dataset`` and its whole test split
    (the overfitting case: the held-out logits of the health log come from the test split)."""
    import gzip
    import shutil

    from keras_gans.data.idx import load_idx_dir

    path = os.path.join(out, f"first_{n}")
    if not os.path.exists(path):
        images, labels = load_idx_dir(dataset, "train")
        os.makedirs(path + ".tmp", exist_ok=True)
        header = lambda magic, dims: bytes([0, 0, 8, magic]) + b"".join(int(d).to_bytes(4, "big") for d in dims)  # noqa: E731
        with gzip.open(os.path.join(path + ".tmp", "train-images-idx3-ubyte.gz"), "wb") as f:
            f.write(header(3, images[:n, :, :, 0].shape) + images[:n, :, :, 0].tobytes())
        with gzip.open(os.path.join(path + ".tmp", "train-labels-idx1-ubyte.gz"), "wb") as f:
            f.write(header(1, (n,)) + labels[:n].astype("uint8").tobytes())
        for name in os.listdir(dataset):
            if name.startswith("t10k"):
                shutil.copy(os.path.join(dataset, name), path + ".tmp")
        os.replace(path + ".tmp", path)
    return path


def train_for(run, preset, sets, dataset, minutes, seed, threads):
    """``keras-gans train`` for ``minutes`` of wall time, then SIGTERM (the run saves and exits 143)."""
    from keras_gans.data.toy import TOY
    from keras_gans.zoo import resolve

    own = resolve(preset)["dataset"]["name"] in TOY  # the toys train on their own distribution
    argv = [sys.executable, "-m", "keras_gans.cli", "train", preset, "--out", run, "--steps", "10000000",
            *([] if own else ["--dataset", dataset]), "--log-every", "25", "--sample-every", "250", "--checkpoint-every", "100000",
            "--set", f"seed={seed}", *[a for s in sets for a in ("--set", s)]]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_NUM_INTRAOP_THREADS": str(threads),
           "TF_NUM_INTEROP_THREADS": str(threads)}
    with open(run + ".log", "w") as log:
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            process.wait(timeout=60 * minutes)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=600)
    return process.returncode


def diagnosis(run):
    """(the conditions the doctor names for ``run``, ranked, or ["healthy"]; the run's last logged step)."""
    from keras_gans.health import diagnose_run

    try:
        findings, curves = diagnose_run(run)
    except FileNotFoundError:
        return ["(no history)"], 0
    return [f.condition for f in findings] or ["healthy"], int(curves.steps[-1]) if len(curves) else 0


def fid_of(run, threads):
    """FID of the run's last checkpoint (5,000 samples against the test split, in the features of the packaged
    MNIST classifier): whether the run is broken, judged apart from its curves; None where it cannot be."""
    path = os.path.join(run, "metrics.json")
    if not os.path.exists(path):
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_NUM_INTRAOP_THREADS": str(threads),
               "TF_NUM_INTEROP_THREADS": str(threads)}
        subprocess.run([sys.executable, "-m", "keras_gans.cli", "eval", run, "--metrics", "fid", "--n", "5000",
                        "--split", "test", "--extractor", "mnist"], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    try:
        fid = json.load(open(path))["metrics"]["fid"]
        return None if fid is None else float(fid)
    except (OSError, KeyError, ValueError):
        return None


def run_case(args, name, seed):
    preset, sets, expected, _ = CASES[name]
    run = os.path.join(args.out, f"{name}_s{seed}")
    result_path = run + ".json"
    if os.path.exists(result_path) and os.path.isdir(run):  # trained before: diagnosed again (the doctor may have changed)
        result = json.load(open(result_path))
        result["diagnosed"] = diagnosis(run)[0]
        result["fid"] = fid_of(run, args.threads)
        return result
    dataset = small_dataset(args.dataset, args.out) if name == "500_images" else args.dataset
    if os.path.exists(run):
        import shutil

        shutil.rmtree(run)
    start = time.time()
    code = train_for(run, preset, sets, dataset, args.minutes, seed, args.threads)
    diagnosed, steps = diagnosis(run)
    result = {"case": name, "seed": seed, "expected": expected, "diagnosed": diagnosed, "steps": steps,
              "exit": code, "seconds": round(time.time() - start), "fid": fid_of(run, args.threads)}
    with open(result_path, "w") as f:
        json.dump(result, f)
    return result


def verdict(result):
    """Whether the doctor named the expected condition first (healthy: nothing found)."""
    return result["diagnosed"][0] == result["expected"]


def doctor_bench(args):
    os.makedirs(args.out, exist_ok=True)
    names = args.cases.split(",") if args.cases else list(CASES)
    jobs = [(n, int(s)) for s in args.seeds.split(",") for n in names]
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda job: run_case(args, *job), jobs))
    lines = [f"The doctor against broken runs: {args.minutes} minutes each (`keras-gans train`, then SIGTERM), "
             f"{args.threads} thread(s) per run, {args.jobs} run(s) at a time; diagnosed from the curves alone", "",
             "FID: 5,000 samples of the last checkpoint against the test split, in the packaged MNIST classifier's "
             "features (10,000 real training images against the test split: 0.07; blurred by 1 px: 9.1), the run judged "
             "apart from its curves", "",
             "| case | change | seed | steps | FID | expected | diagnosed (first = ranked highest) | |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        preset, sets, _, why = CASES[r["case"]]
        change = f"`{preset}` " + " ".join(f"`{s}`" for s in sets) + f" ({why})"
        fid = "-" if r.get("fid") is None else f"{r['fid']:.1f}"
        lines.append(f"| {r['case']} | {change} | {r['seed']} | {r['steps']:,} | {fid} | {r['expected']} | "
                     f"{', '.join(r['diagnosed'])} | {'ok' if verdict(r) else 'MISSED'} |")
    right = sum(verdict(r) for r in results)
    lines += ["", f"named correctly: {right} of {len(results)}"]
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(args.out, "doctor.md"), "w") as f:
        f.write(text + "\n")


def add_parser(sub):
    d = sub.add_parser("doctor", help="the doctor against runs broken on purpose, and the healthy presets")
    d.add_argument("--dataset", default="mnist", help="the training data (an IDX folder, a TFDS name)")
    d.add_argument("--minutes", type=float, default=4.0, help="wall-clock minutes of training per run")
    d.add_argument("--seeds", default="0,1")
    d.add_argument("--cases", default="", help=f"comma-separated, of: {', '.join(CASES)} (default: all)")
    d.add_argument("--jobs", type=int, default=2, help="runs at a time")
    d.add_argument("--threads", type=int, default=1, help="op threads per run")
    d.add_argument("--out", default="runs/doctor")
    d.set_defaults(fn=doctor_bench)
