"""Pictures and a number for the model cards (``tools/benchmark.py strips``): latent interpolation strips, the
truncation strip of a style-based generator (psi 0, 0.5, 1 on the same latents), the latents a Jacobian-based
truncation keeps and rejects, and the perceptual path
length under the preset's judge, from a model saved by ``curve --save-run`` (``<run>/gan.keras`` beside
``<run>.json``)."""

import json
import os


def strips(args):
    import keras
    import numpy as np

    import keras_gans
    import curve
    from keras_gans.images import save_image_grid

    run = json.load(open(args.run))
    preset = keras_gans.zoo.resolve(run["preset"], seed=run["seed"], **run["overrides"])
    gan = keras.models.load_model(os.path.join(os.path.splitext(args.run)[0], "gan.keras"))
    if hasattr(gan, "sync_stage"):
        gan.sync_stage()
    rng = np.random.default_rng(args.seed)
    d = gan.latent_dim
    a, b = gan.draw_latents(rng, args.rows), gan.draw_latents(rng, args.rows)
    walks = np.asarray(gan.interpolate(a, b, steps=args.cols, method="slerp"))  # [rows, cols, H, W, C]
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "interpolation.png")
    save_image_grid(path, walks.reshape(-1, *walks.shape[2:]), cols=args.cols)
    print(f"wrote {path}: {args.rows} slerp paths of {args.cols} steps")
    if hasattr(gan.sampling_generator, "w_avg"):
        z = rng.standard_normal((args.cols, d)).astype("float32")
        rows = [gan.generate(z=z, truncation=psi) for psi in (0.0, 0.5, 1.0)]
        path = os.path.join(args.out, "truncation.png")
        save_image_grid(path, np.concatenate(rows), cols=args.cols)
        print(f"wrote {path}: rows psi 0, 0.5, 1 on the same {args.cols} latents")
    if gan.jacobian_truncation:
        jacobian_strip(gan, rng, args)
    ppl = curve.judge(preset, args.n, ["ppl"])(gan)["ppl"]
    print(f"{run['label']}: perceptual path length {ppl:.4g} (2,000 slerp paths in z, the judge's features)")
    with open(os.path.join(args.out, "ppl.json"), "w") as f:
        json.dump({"label": run["label"], "ppl": ppl}, f)


def jacobian_strip(gan, rng, args):
    """The run's Jacobian-based truncation on 5 rows of latents: the latents it keeps (the first rows) and the
    ones it rejects (the last row, where G stretches the latent space most), each row in drawing order."""
    import numpy as np

    from keras_gans.images import save_image_grid
    from keras_gans.models.jacobian_truncation import JacobianTruncation

    keep = gan.jacobian_truncation
    z = rng.standard_normal((int(round(args.cols / (1 - keep))) if keep < 1 else args.cols, gan.latent_dim)).astype("float32")
    n = int(round(len(z) * keep))
    kept = JacobianTruncation(keep).kept(gan.sampling_generator, z, n)
    rejected = np.setdiff1d(np.arange(len(z)), kept)
    rows = np.concatenate([kept[: 4 * args.cols], rejected[: args.cols]])
    path = os.path.join(args.out, "jacobian_truncation.png")
    save_image_grid(path, gan.generate(z=z[rows]), cols=args.cols)
    print(f"wrote {path}: rows 1-4 kept, row 5 rejected (keep {keep:g} of {len(z)} latents)")


def add_parser(sub):
    s = sub.add_parser("strips", help="interpolation and truncation strips and the PPL of a run saved by curve --save-run")
    s.add_argument("--run", required=True, help="a run's JSON written by curve (its gan.keras beside it)")
    s.add_argument("--out", required=True)
    s.add_argument("--rows", type=int, default=6)
    s.add_argument("--cols", type=int, default=10)
    s.add_argument("--n", type=int, default=2000)
    s.add_argument("--seed", type=int, default=0)
    s.set_defaults(fn=strips)
