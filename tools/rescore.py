"""Score saved models again under other Jacobian-truncation fractions (``tools/benchmark.py rescore``): training
is unchanged by the truncation, so a model saved by ``curve --save-run`` scored at fraction k is what a curve of
the preset with ``model.jacobian_truncation=k`` would report at that mark. Prints one table row per model and
fraction (FID, KID, precision, recall, classes)."""

import json
import os
import re


def rescore(args):
    import keras

    import curve
    import keras_gans
    import keras_gans.models  # noqa: F401  (registers the GAN class for loading)

    run = json.load(open(args.run))
    preset = keras_gans.zoo.resolve(run["preset"], seed=run["seed"], **run["overrides"])
    score = curve.judge(preset, args.n)
    rows = []
    for model in args.models.split(","):
        gan = keras.models.load_model(os.path.join(os.path.splitext(args.run)[0], model))
        for keep in [float(k) for k in args.keep.split(",")]:
            values = score(images=gan.generate(n=args.n, seed=0, jacobian_truncation=keep))
            mark = re.search(r"gan_([0-9.]+)min", model)  # curve's name for the model of a mark
            rows.append({"label": f"{model} keep {keep:g}", "kind": "preset", "minutes": float(mark.group(1)) if mark else 0.0, "step": int(gan.g_optimizer.iterations.numpy()), **values})
    curve.print_table(rows)


def add_parser(sub):
    s = sub.add_parser("rescore", help="score models saved by curve --save-run under other Jacobian-truncation fractions")
    s.add_argument("--run", required=True, help="a run's JSON written by curve (its models beside it)")
    s.add_argument("--models", default="gan.keras", help="comma-separated model files of the run, e.g. gan_10min.keras,gan_30min.keras")
    s.add_argument("--keep", default="1,0.9,0.8,0.7", help="comma-separated fractions of latents kept")
    s.add_argument("--n", type=int, default=10000)
    s.set_defaults(fn=rescore)
