"""``tools/benchmark.py project``: how near a run's projections of held-out images come to them, against the scale
of "good": the nearest training image and a random sample of the generator, under the projector's own distance
(pixel MSE plus the squared distance of the unit-normalised features of the run's extractor)."""

import json
import os


def project_bench(args):
    import numpy as np
    import tensorflow as tf

    import keras_gans
    from keras_gans.data.loader import load_arrays
    from keras_gans.images import save_captioned_grid

    gan = keras_gans.load_run(args.run)
    dataset = args.dataset or gan.run_config["dataset"]["name"]
    test = load_arrays(dataset, split="test")[0][: args.n].astype(np.float32) / 127.5 - 1.0
    train = load_arrays(dataset, split="train")[0][: args.train_n].astype(np.float32) / 127.5 - 1.0
    features = gan.projection_features(args.extractor) if args.extractor != "none" else None

    def feats(x):
        out = [tf.math.l2_normalize(tf.cast(features(tf.constant(x[i : i + 500])), tf.float32), axis=-1).numpy()
               for i in range(0, len(x), 500)]
        return np.concatenate(out).astype(np.float64)

    def nearest(targets, pool):
        """Each target's smallest distance to the pool and the index reaching it."""
        a, b = targets.reshape(len(targets), -1).astype(np.float64), pool.reshape(len(pool), -1).astype(np.float64)
        d = ((a * a).sum(1)[:, None] + (b * b).sum(1)[None] - 2 * a @ b.T) / a.shape[1]
        if features is not None:
            fa, fb = feats(targets), feats(pool)
            d += (fa * fa).sum(1)[:, None] + (fb * fb).sum(1)[None] - 2 * fa @ fb.T
        return d.min(1), d.argmin(1), d.mean(1)

    result = gan.project(test, steps=args.steps, extractor=args.extractor, progress=True, seed=args.seed)
    random = gan.generate(args.random_n, seed=args.seed + 1)
    near_train, train_index, _ = nearest(test, train)
    near_random, _, mean_random = nearest(test, random)
    rows = [("projection (the latent found)", result.distance),
            (f"nearest of {len(train):,} training images", near_train),
            (f"nearest of {len(random):,} random samples of G", near_random),
            ("a random sample of G (mean)", mean_random)]
    print(f"{gan.run_config['preset']} step {gan.run_step}: {len(test)} held-out test images of {dataset}, {args.steps} "
          f"steps in z; distance = pixel MSE + feature distance ({args.extractor} features)")
    print(f"{'':40s} {'mean':>9s} {'median':>9s}")
    for name, values in rows:
        print(f"{name:40s} {np.mean(values):9.4f} {np.median(values):9.4f}")
    print(f"projection nearer than the nearest training image for {np.mean(result.distance < near_train):.0%} of the images")
    os.makedirs(args.out, exist_ok=True)
    k = min(8, len(test))
    grid = np.stack([np.stack([test[i], result.images[i], train[train_index[i]]]) for i in range(k)], 1).reshape(-1, *test.shape[1:])
    names = ["target", "projection", "nearest train"]
    path = save_captioned_grid(os.path.join(args.out, "projections.png"), grid, names,
                               title="distance: " + " ".join(f"{d:.3f}" for d in result.distance[:k]))
    with open(os.path.join(args.out, "projection.json"), "w") as f:
        json.dump({"run": args.run, "step": gan.run_step, "n": len(test), "steps": args.steps,
                   "rows": {name: {"mean": float(np.mean(v)), "median": float(np.median(v))} for name, v in rows},
                   "distances": result.distance.tolist(), "nearest_train": near_train.tolist()}, f, indent=2)
    print(f"wrote {path} (columns: 8 held-out images; rows: target, projection, nearest training image)")


def add_parser(sub):
    p = sub.add_parser("project", help="projection error on held-out images against the nearest training image and random samples")
    p.add_argument("--run", required=True, help="a trained run directory")
    p.add_argument("--dataset", default=None, help="its data (default: the run's own), with a test split")
    p.add_argument("--n", type=int, default=64, help="held-out test images projected")
    p.add_argument("--train-n", type=int, default=60000, help="training images searched for the nearest")
    p.add_argument("--random-n", type=int, default=1000, help="random samples of G")
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--extractor", default="auto")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="runs/projection")
    p.set_defaults(fn=project_bench)
