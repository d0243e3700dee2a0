"""``keras-gans list | sample | export | eval``."""

import json
import math
import os
import sys

import numpy as np

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
    gan, preset, step = runs.restore_run(args.run_dir)
    if args.n > LARGE_GRID and "resolution" in preset:
        side = math.ceil(math.sqrt(args.n)) * preset["resolution"]
        print(f"warning: --n {args.n} makes one grid of about {side}x{side} pixels; several grids of a few hundred "
              "samples (--seed) are easier to look at.", file=sys.stderr)
    labels, rows = _sample_labels(gan, args)
    generator, generator_rows = _sample_generators(gan, args)
    rows = rows or generator_rows
    n = args.n if labels is None and generator is None else len(labels if labels is not None else generator)
    samples = gan.generate(n=n, seed=args.seed, truncation=args.truncation, jacobian_truncation=args.jacobian_truncation,
                           labels=labels, generator=generator)
    psi = "" if args.truncation is None else f", psi {args.truncation:g}"
    keep = gan.jacobian_truncation if args.jacobian_truncation is None else args.jacobian_truncation
    psi += "" if keep in (None, 1.0) else f", Jacobian truncation {keep:g}"
    if labels is not None and rows is None:
        psi += f", class {gan.class_name(int(labels[0]))}"
    if generator is not None and rows is None:
        psi += f", generator {int(generator[0])}"
    path = save_samples(args.out, samples, centers=centers(preset), title=f"{preset['preset']} step {step}{psi}",
                        row_names=rows if samples.ndim == 4 else None)
    unit = "generators" if generator_rows else "classes"
    what = f"{n} samples" if rows is None else f"{n // len(rows)} samples of each of {len(rows)} {unit}"
    print(f"wrote {what} of {args.run_dir} (step {step}{psi}) to {path}")
    return 0


def _sample_labels(gan, args):
    """(labels, row names) of ``sample --labels / --per-class``: None, None for drawn classes; a row per class
    where several classes (or --per-class) are asked."""
    if args.labels is None and args.per_class is None:
        return None, None
    if not gan.conditional:
        raise ValueError(f"{args.run_dir} is an unconditional run: --labels and --per-class need a conditional one "
                         "(train with --set conditional=true, or a *_conditional preset).")
    classes = list(range(gan.num_classes)) if args.labels is None else [class_index(gan, t) for t in args.labels.split(",")]
    if len(classes) == 1 and args.per_class is None:
        return np.full(args.n, classes[0], np.int32), None
    per_class = args.per_class or max(1, args.n // len(classes))
    return np.repeat(np.asarray(classes, np.int32), per_class), [gan.class_name(c) for c in classes]


def _sample_generators(gan, args):
    """(the generator of each sample, row names) of ``sample --generator K | all`` for a mixture of generators."""
    if getattr(args, "generator", None) is None:
        return None, None
    count = getattr(gan, "_mixture", None) and gan._mixture.generators
    if not count:
        raise ValueError(f"{args.run_dir} has one generator: --generator needs a mixture of generators (model.mixture, "
                         "e.g. the mgan presets).")
    if args.generator == "all":
        per_row = max(1, args.n // count)
        return np.repeat(np.arange(count, dtype=np.int32), per_row), [f"generator {k}" for k in range(count)]
    if not args.generator.isdigit() or int(args.generator) >= count:
        raise ValueError(f"--generator {args.generator}: the run has {count} generators, 0..{count - 1} (or 'all').")
    return np.full(args.n, int(args.generator), np.int32), None


def class_index(gan, text):
    """The class index that ``text`` names in a conditional ``gan``: one of its class names, or an index."""
    text = text.strip()
    names = [gan.class_name(c) for c in range(gan.num_classes)]
    if text in names:
        return names.index(text)
    if text.lstrip("-").isdigit():
        c = int(text)
        if 0 <= c < gan.num_classes:
            return c
        raise ValueError(f"--labels {text}: the run has {gan.num_classes} classes, 0..{gan.num_classes - 1}.")
    shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    raise ValueError(f"--labels {text!r} is neither a class index nor a class name; the classes: {shown}.")


def cmd_export(args):
    from keras_gans import runs
    from keras_gans.export import check_export_target

    suffix = "" if args.format == "saved_model" else f"_{args.format}"
    out = args.out or os.path.join(args.run_dir, "generator" + suffix)
    check_output_dir(out)
    check_export_target(out)
    from keras_gans.cli.preemption import sigterm_as_preemption

    if args.format != "saved_model":
        return _export_converted(args, out)
    gan, _, step = runs.restore_run(args.run_dir)
    with sigterm_as_preemption():  # a SIGTERM cleans the staging folder as Ctrl-C does
        gan.export_generator(out)
    shape = gan.generator.output_shape[1:]
    output = (f"{{'images': uint8 [N, {', '.join(map(str, shape))}]}}" if len(shape) == 3 else
              f"{{'points': float32 [N, {shape[-1]}]}}")
    labels = f", labels int32 [N] (classes 0..{gan.num_classes - 1}; 'classes' names them)" if gan.conditional else ""
    mixture = getattr(gan, "_mixture", None)
    if mixture is not None:
        labels = (f" (each latent's generator picked by a hash of z; 'serve_generator' takes generator int32 [N], "
                  f"0..{mixture.generators - 1})")
    keep = "(z, keep, labels)" if gan.conditional else "(z, keep)"
    print(f"exported the generator of {args.run_dir} (step {step}) to {out}: signature 'serve', input z "
          f"[N, {gan.latent_dim}]{labels}, output {output}; signature 'smoothest' {keep} keeps the latents where G is smoothest")
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
                                 cache_dir=args.cache_dir, seed=args.seed, progress=True, write=False,
                                 classifier=args.classifier)
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


def _export_converted(args, out):
    from keras_gans import runs
    from keras_gans.cli.preemption import sigterm_as_preemption
    from keras_gans.export.agreement import format_table
    from keras_gans.export.formats import FORMATS

    fmt = FORMATS.get(args.format)()
    fmt.check_installed()  # a converter that is not installed: named before the run is loaded
    gan, _, step = runs.restore_run(args.run_dir)
    with sigterm_as_preemption():
        rows = gan.export_generator_as(out, args.format)
    print(f"exported the generator of {args.run_dir} (step {step}) as {args.format} to {out} (the float32 SavedModel it was "
          f"converted from: {os.path.join(out, 'saved_model')}); each file checked against the SavedModel on 16 fixed "
          "latents (differences in uint8 levels):")
    print(format_table(rows))
    return 0
