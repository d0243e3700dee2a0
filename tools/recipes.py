"""The recipe search for small images (``tools/benchmark.py recipes``), like ``dynamics`` for the toys.

Every variant is a preset plus overrides, trained by ``curve-one`` in its own process for the same
wall-clock marks (default 2 and 5 minutes) on the same data, and scored by the same judge; results are
kept as JSON under ``--out`` and reused, so an interrupted search continues. ``--jobs 2 --threads 1`` trains
two variants at once, one core each: their minutes are comparable with each other, not with a run that
had both cores. The table (FID at each mark, then KID, precision, recall and classes at the last) is
printed and written to ``<out>/recipes.md``.
"""

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import curve

# a variant: (preset, overrides); the search starts from the DCGAN networks at 28x28 and adds one idea at a time
EMA = {"model.ema_decay": 0.999, "model.ema_warmup": 0.05}
NO_BN_D = {"discriminator.norm": "none"}
ADAM_099 = {"optimizers.d.beta_2": 0.99, "optimizers.g.beta_2": 0.99}
R1_R2 = {"regularizers.r1.weight": 1.0, "regularizers.r2.weight": 1.0}
VARIANTS = {
    "dcgan (preset)": ("dcgan", {}),
    "dcgan + EMA": ("dcgan", EMA),
    "NS + R1 1 + EMA, D without BN": ("dcgan", {**EMA, **NO_BN_D, **ADAM_099, "regularizers.r1.weight": 1.0}),
    "NS + EMA, D without BN": ("dcgan", {**EMA, **NO_BN_D}),
    "hinge + EMA": ("dcgan", {**EMA, "loss.name": "hinge"}),
    "RpGAN + EMA": ("dcgan", {**EMA, "loss.name": "rpgan"}),
    "RpGAN + R1 1 + R2 1 + EMA, D without BN": ("dcgan", {**EMA, **NO_BN_D, **ADAM_099, **R1_R2, "loss.name": "rpgan"}),
    "dcgan + EMA, batch 32": ("dcgan", {**EMA, "batch_size": 32}),
    "dcgan + EMA, batch 128": ("dcgan", {**EMA, "batch_size": 128}),
    "dcgan + EMA, width 32": ("dcgan", {**EMA, "generator.base_filters": 32, "discriminator.base_filters": 32}),
    "dcgan + EMA, width 128": ("dcgan", {**EMA, "generator.base_filters": 128, "discriminator.base_filters": 128}),
    "dcgan + EMA, lr 1e-4": ("dcgan", {**EMA, "optimizers.d.learning_rate": 1e-4, "optimizers.g.learning_rate": 1e-4}),
    "dcgan + EMA, lr 5e-4": ("dcgan", {**EMA, "optimizers.d.learning_rate": 5e-4, "optimizers.g.learning_rate": 5e-4}),
    "dcgan + EMA, 2 D steps": ("dcgan", {**EMA, "model.d_steps": 2}),
    "dcgan + EMA, DiffAugment translation": ("dcgan", {**EMA, "d_input_transforms.diff_augment.policy": "translation"}),
    "dcgan + EMA, minibatch std-dev in D": ("dcgan", {**EMA, "discriminator.minibatch_stddev": True}),
    "dcgan + EMA, depth +1": ("dcgan", {**EMA, "generator.depth": 1, "discriminator.depth": 1}),
    "dcgan + EMA, float32": ("dcgan", {**EMA, "precision": "float32"}),
    "dcgan + EMA, G group norm": ("dcgan", {**EMA, "generator.norm": "group"}),
    "dcgan + EMA, G without norm": ("dcgan", {**EMA, "generator.norm": "none"}),
    "dcgan + EMA, G virtual batch norm": ("dcgan", {**EMA, "generator.norm": "virtual_batch"}),
    "dcgan + EMA, TTUR (D 4e-4, G 1e-4)": ("dcgan", {**EMA, "optimizers.d.learning_rate": 4e-4, "optimizers.g.learning_rate": 1e-4}),
    "dcgan + EMA, betas (0, 0.99)": ("dcgan", {**EMA, "optimizers.d.beta_1": 0.0, "optimizers.g.beta_1": 0.0, **ADAM_099}),
    "dcgan + EMA, EMA warm-up 0.2": ("dcgan", {**EMA, "model.ema_warmup": 0.2}),
    "dcgan + EMA, no EMA warm-up": ("dcgan", {**EMA, "model.ema_warmup": None}),
    "dcgan + EMA, D layer norm": ("dcgan", {**EMA, "discriminator.norm": "layer"}),
    "dcgan + EMA, self-attention 14": ("dcgan", {**EMA, "generator.attention_resolution": 14, "discriminator.attention_resolution": 14}),
    "dcgan + EMA, spectral norm in D": ("dcgan", {**EMA, **NO_BN_D, "discriminator.spectral_norm": True}),
    "dcgan + EMA, minibatch discrimination": ("dcgan", {**EMA, "discriminator.minibatch_discrimination": True}),
    "dcgan + EMA, ResNet G and D": ("dcgan", {**EMA, "generator.network": "resnet", "generator.base_filters": 64,
                                             "discriminator.network": "resnet", "discriminator.base_filters": 64,
                                             "discriminator.spectral_norm": False}),
}
# the search continues greedily from the best so far: the DCGAN networks at width 32 with the EMA
W32 = {**EMA, "generator.base_filters": 32, "discriminator.base_filters": 32}
VARIANTS.update({
    "w32 + G without norm": ("dcgan", {**W32, "generator.norm": "none"}),
    "w32 + G group norm": ("dcgan", {**W32, "generator.norm": "group"}),
    "w32 + batch 32": ("dcgan", {**W32, "batch_size": 32}),
    "w32 + lr 5e-4": ("dcgan", {**W32, "optimizers.d.learning_rate": 5e-4, "optimizers.g.learning_rate": 5e-4}),
    "w32 + betas (0, 0.99)": ("dcgan", {**W32, "optimizers.d.beta_1": 0.0, "optimizers.g.beta_1": 0.0, **ADAM_099}),
    "w32 + EMA warm-up 0.2": ("dcgan", {**W32, "model.ema_warmup": 0.2}),
    "w32 + D without BN": ("dcgan", {**W32, **NO_BN_D}),
    "w32 + minibatch std-dev in D": ("dcgan", {**W32, "discriminator.minibatch_stddev": True}),
    "w32 + hinge": ("dcgan", {**W32, "loss.name": "hinge"}),
    "w32 + RpGAN": ("dcgan", {**W32, "loss.name": "rpgan"}),
    "w32 + lr 1e-3": ("dcgan", {**W32, "optimizers.d.learning_rate": 1e-3, "optimizers.g.learning_rate": 1e-3}),
    "w32 + lr 2e-3": ("dcgan", {**W32, "optimizers.d.learning_rate": 2e-3, "optimizers.g.learning_rate": 2e-3}),
    "w32 + lr 4e-3": ("dcgan", {**W32, "optimizers.d.learning_rate": 4e-3, "optimizers.g.learning_rate": 4e-3}),
})
# ... and from the width-32 networks at lr 2e-3
LR2 = {**W32, "optimizers.d.learning_rate": 2e-3, "optimizers.g.learning_rate": 2e-3}
VARIANTS.update({
    "w32 lr 2e-3 + batch 128": ("dcgan", {**LR2, "batch_size": 128}),
    "w32 lr 2e-3 + width 64": ("dcgan", {**LR2, "generator.base_filters": 64, "discriminator.base_filters": 64}),
    "w32 lr 2e-3 + EMA warm-up 0.2": ("dcgan", {**LR2, "model.ema_warmup": 0.2}),
    "w32 lr 2e-3 without EMA": ("dcgan", {**LR2, "model.ema_decay": None, "model.ema_warmup": None}),
    "w32 lr 2e-3 + hinge": ("dcgan", {**LR2, "loss.name": "hinge"}),
    "w32 lr 2e-3 + minibatch std-dev in D": ("dcgan", {**LR2, "discriminator.minibatch_stddev": True}),
    "w32 lr 2e-3 + DiffAugment translation": ("dcgan", {**LR2, "d_input_transforms.diff_augment.policy": "translation"}),
    "w32 lr 2e-3 + TTUR (G 1e-3)": ("dcgan", {**LR2, "optimizers.g.learning_rate": 1e-3}),
    "w32 lr 2e-3 + 2 D steps": ("dcgan", {**LR2, "model.d_steps": 2}),
    "w32 lr 2e-3 + float32": ("dcgan", {**LR2, "precision": "float32"}),
})
# ... and from the width-32 networks at lr 1e-3
LR3 = {**W32, "optimizers.d.learning_rate": 1e-3, "optimizers.g.learning_rate": 1e-3}
VARIANTS.update({
    "w32 lr 1e-3 + RpGAN": ("dcgan", {**LR3, "loss.name": "rpgan"}),
    "w32 lr 1e-3 + hinge": ("dcgan", {**LR3, "loss.name": "hinge"}),
    "w32 lr 1e-3 + width 64": ("dcgan", {**LR3, "generator.base_filters": 64, "discriminator.base_filters": 64}),
    "w32 lr 1e-3 + betas (0, 0.99)": ("dcgan", {**LR3, "optimizers.d.beta_1": 0.0, "optimizers.g.beta_1": 0.0, **ADAM_099}),
    "w32 lr 1e-3 + batch 32": ("dcgan", {**LR3, "batch_size": 32}),
    "w32 lr 1e-3 without EMA": ("dcgan", {**LR3, "model.ema_decay": None, "model.ema_warmup": None}),
    "w32 lr 1e-3 + float32": ("dcgan", {**LR3, "precision": "float32"}),
})
# ... and from the width-32 networks at lr 5e-4
FAST = {**W32, "optimizers.d.learning_rate": 5e-4, "optimizers.g.learning_rate": 5e-4}
VARIANTS.update({
    "w32 lr 5e-4 + betas (0, 0.99)": ("dcgan", {**FAST, "optimizers.d.beta_1": 0.0, "optimizers.g.beta_1": 0.0, **ADAM_099}),
    "w32 lr 5e-4 + batch 32": ("dcgan", {**FAST, "batch_size": 32}),
    "w32 lr 5e-4 + EMA warm-up 0.2": ("dcgan", {**FAST, "model.ema_warmup": 0.2}),
    "w32 lr 5e-4 + hinge": ("dcgan", {**FAST, "loss.name": "hinge"}),
    "w32 lr 5e-4 + RpGAN": ("dcgan", {**FAST, "loss.name": "rpgan"}),
    "w32 lr 5e-4 + D without BN, R1 0.1": ("dcgan", {**FAST, **NO_BN_D, "regularizers.r1.weight": 0.1}),
    "w32 lr 5e-4 + minibatch std-dev in D": ("dcgan", {**FAST, "discriminator.minibatch_stddev": True}),
    "w32 lr 5e-4 + DiffAugment translation": ("dcgan", {**FAST, "d_input_transforms.diff_augment.policy": "translation"}),
    "w32 lr 5e-4 + width 64 D": ("dcgan", {**FAST, "discriminator.base_filters": 64}),
    "w32 lr 5e-4 + float32": ("dcgan", {**FAST, "precision": "float32"}),
})

# ablations and additions on the winner itself (= "w32 lr 2e-3 + width 64")
VARIANTS.update({
    "dcgan_ema + betas (0, 0.99)": ("dcgan_ema", {"optimizers.d.beta_1": 0.0, "optimizers.g.beta_1": 0.0, **ADAM_099}),
    "dcgan_ema + minibatch std-dev in D": ("dcgan_ema", {"discriminator.minibatch_stddev": True}),
    "dcgan_ema + self-attention 14": ("dcgan_ema", {"generator.attention_resolution": 14,
                                                   "discriminator.attention_resolution": 14}),
    "dcgan_ema + DiffAugment translation": ("dcgan_ema", {"d_input_transforms.diff_augment.policy": "translation"}),
})
# a learning rate that decays to 0 over the known budget (3,600 steps ~ 5 minutes on one core)
COSINE_5MIN = {"schedule": "cosine", "initial_learning_rate": 2e-3, "decay_steps": 3600, "alpha": 0.0}
VARIANTS.update({
    "dcgan_ema + cosine decay over 3,600 steps": ("dcgan_ema", {"optimizers.d.learning_rate": dict(COSINE_5MIN),
                                                               "optimizers.g.learning_rate": dict(COSINE_5MIN)}),
    "dcgan_ema + G cosine decay over 3,600 steps": ("dcgan_ema", {"optimizers.g.learning_rate": dict(COSINE_5MIN)}),
})


def recipes(args):
    labels = [v for v in VARIANTS if not args.only or any(s in v for s in args.only.split(";"))]
    seeds = [int(s) for s in args.seeds.split(",")]
    jobs = [(label, seed) for label in labels for seed in seeds]

    def path(label, seed):
        return os.path.join(args.out, f"{curve.slug(label)}_seed{seed}.json")

    def run(job):
        label, seed = job
        preset, overrides = VARIANTS[label]
        try:
            return curve.run_one(args, label, preset, overrides, seed, path(label, seed), args.threads)
        except Exception as e:  # one failed variant must not stop the search
            print(f"{label} seed {seed} failed: {e}", file=sys.stderr, flush=True)

    if not args.table_only:
        with ThreadPoolExecutor(args.jobs) as pool:
            list(pool.map(run, jobs))
    marks = curve._marks(args)
    head = "| variant | seed | " + " | ".join(f"FID {m:g} min" for m in marks) + " | steps | KID | precision | recall | classes (KL) |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for label, seed in jobs:
        if not os.path.exists(path(label, seed)):
            continue
        ms = {m["minutes"]: m for m in json.load(open(path(label, seed)))["marks"]}
        last = ms[max(ms)]
        fids = " | ".join(f"{ms[m]['fid']:.2f}" if m in ms else "-" for m in marks)
        modes = f"{last['modes']}/{last['num_modes']} ({last['reverse_kl']:.3f})" if "modes" in last else "-"
        lines.append(f"| {label} | {seed} | {fids} | {last['step']} | {last['kid']:.4f} | {last['precision']:.3f} | "
                     f"{last['recall']:.3f} | {modes} |")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "recipes.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def add_parser(sub):
    r = sub.add_parser("recipes", help="the recipe search for small images: every variant at the same wall-clock marks")
    r.add_argument("--dataset", default="mnist")
    r.add_argument("--marks", default="2,5", help="minutes at which every variant is scored")
    r.add_argument("--only", default="", help="variants whose label contains one of these strings (';'-separated)")
    r.add_argument("--seeds", default="0")
    r.add_argument("--n", type=int, default=10000)
    r.add_argument("--jobs", type=int, default=1)
    r.add_argument("--threads", type=int, default=0)
    r.add_argument("--out", default=os.path.join("runs", "recipes"))
    r.add_argument("--table-only", action="store_true", help="tabulate the runs already in --out, train none")
    r.set_defaults(fn=recipes)
