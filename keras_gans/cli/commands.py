"""``keras-gans list | sample | export | eval``."""

import json
import math
import os
import sys

from keras_gans.cli.parser import check_output_dir

LARGE_GRID = 1024  # samples in one grid above which `sample` warns


def cmd_list(args):
    from keras_gans import zoo

    for name, text in zoo.list().items():
        print(f"{name:16s} {text}")
    return 0


def cmd_sample(args):
    from keras_gans import runs
    from keras_gans.cli.train import centers
    from keras_gans.images import save_samples

    check_output_dir(os.path.dirname(os.path.abspath(args.out)), "--out")
    gan, preset, step = runs.load_run(args.run_dir)
    if args.n > LARGE_GRID and "resolution" in preset:
        side = math.ceil(math.sqrt(args.n)) * preset["resolution"]
        print(f"warning: --n {args.n} makes one grid of about {side}x{side} pixels; several grids of a few hundred "
              "samples (--seed) are easier to look at.", file=sys.stderr)
    samples = gan.generate(n=args.n, seed=args.seed, truncation=args.truncation, jacobian_truncation=args.jacobian_truncation)
    psi = "" if args.truncation is None else f", psi {args.truncation:g}"
    keep = gan.jacobian_truncation if args.jacobian_truncation is None else args.jacobian_truncation
    psi += "" if keep in (None, 1.0) else f", Jacobian truncation {keep:g}"
    path = save_samples(args.out, samples, centers=centers(preset), title=f"{preset['preset']} step {step}{psi}")
    print(f"wrote {args.n} samples of {args.run_dir} (step {step}{psi}) to {path}")
    return 0


def cmd_export(args):
    from keras_gans import runs
    from keras_gans.export import check_export_target

    out = args.out or os.path.join(args.run_dir, "generator")
    check_output_dir(out)
    check_export_target(out)
    from keras_gans.cli.preemption import sigterm_as_preemption

    gan, _, step = runs.load_run(args.run_dir)
    with sigterm_as_preemption():  # a SIGTERM cleans the staging folder as Ctrl-C does
        gan.export_generator(out)
    shape = gan.generator.output_shape[1:]
    output = (f"{{'images': uint8 [N, {', '.join(map(str, shape))}]}}" if len(shape) == 3 else
              f"{{'points': float32 [N, {shape[-1]}]}}")
    print(f"exported the generator of {args.run_dir} (step {step}) to {out}: signature 'serve', input z "
          f"[N, {gan.latent_dim}], output {output}; signature 'smoothest' (z, keep) keeps the latents where G is smoothest")
    return 0


def cmd_eval(args):
    from keras_gans import runs
    from keras_gans.cli.train import check_metrics
    from keras_gans.metrics.run_evaluation import METRICS_FILE, evaluate_run, format_table

    check_metrics(args.metrics)
    runs.check_dataset(args.run_dir, runs.read_config(args.run_dir))
    if args.n < 2:
        raise ValueError(f"--n {args.n}: the metrics compare distributions and need at least 2 samples (10000 is standard).")
    if args.n < 10000 and any(m in args.metrics for m in ("fid", "kid", "is")):
        print(f"note: --n {args.n}: FID, KID and IS depend on the number of samples (FID is biased upwards at small n); "
              "compare only figures of equal n (10000 is the standard).", file=sys.stderr)
    results, info = evaluate_run(args.run_dir, args.metrics, n=args.n, extractor=args.extractor, split=args.split,
                                 cache_dir=args.cache_dir, seed=args.seed, progress=True, write=False)
    print(f"{info['preset']} step {info['step']}, {info['n']} samples, features {info['extractor']}, "
          f"reference split {info['split']} ({info['seconds']} s)")
    print(format_table(results), flush=True)  # shown before anything is written: a full disk loses nothing
    path = os.path.join(args.run_dir, METRICS_FILE)
    try:
        with open(path, "w") as f:
            json.dump({**info, "metrics": results}, f, indent=2)
    except OSError as e:
        raise OSError(e.errno, f"could not write {path} ({e.strerror}); the table above holds the results") from None
    print(f"wrote {path}")
    return 0
