"""``keras-gans``: train | sample | export | eval | list."""

import argparse
import math
import os
import sys


def _quiet_tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")


def cmd_list(args):
    from keras_gans import zoo

    for name, text in zoo.list().items():
        print(f"{name:16s} {text}")


def _centers(preset):
    from keras_gans.data.toy import TOY

    name = preset["dataset"].get("name")
    return TOY[name][0]() if name in TOY else None


def _dataset(preset):
    from keras_gans import data

    spec = dict(preset["dataset"])
    name = spec.pop("name")
    kwargs = {"batch_size": preset["batch_size"], "repeat": True, "seed": preset.get("seed")}
    if "resolution" in preset:
        kwargs.update(image_size=preset["resolution"], channels=preset["channels"])
    return data.load(name, **{**kwargs, **spec})


def cmd_train(args):
    from keras_gans import runs, zoo
    from keras_gans.callbacks import ProgressBar, RunCheckpoint, SampleGrid, StopAtStep
    from keras_gans.distribute import resolve_strategy
    from keras_gans.zoo.overrides import parse_assignments

    out = args.out or os.path.join("runs", args.preset)
    overrides = parse_assignments(args.set)
    if args.dataset:
        overrides["dataset.name"] = args.dataset
    if args.batch_size:
        overrides["batch_size"] = args.batch_size
    if args.resume:
        preset = runs.read_config(out)
        if preset.get("preset") != args.preset:
            raise ValueError(f"{out} holds a run of preset {preset.get('preset')!r}, not {args.preset!r}.")
        if overrides:
            print("note: --resume keeps the run's own config.json; --set/--dataset/--batch-size are ignored", file=sys.stderr)
    else:
        if os.path.exists(runs.config_path(out)):
            raise FileExistsError(f"{out} already holds a run; pass --resume to continue it, or another --out.")
        preset = zoo.resolve(args.preset, **overrides)
    if args.steps is None:
        args.steps = int(preset.get("steps", 10000))  # the preset's training length, else 10000
    strategy = resolve_strategy(args.strategy)
    ds = _dataset(preset)
    gan = zoo.build_gan(preset, strategy=strategy)
    spec = ds.element_spec[0] if isinstance(ds.element_spec, tuple) else ds.element_spec
    gan.check_data_shape(spec.shape)  # before anything is written to the run directory
    runs.write_config(out, preset)
    ckpt = RunCheckpoint(gan, runs.checkpoint_dir(out))
    start = ckpt.restore() if args.resume else 0
    if start >= args.steps:
        print(f"{out} is already at step {start} >= --steps {args.steps}; nothing to do.")
        return
    if start:
        ds = ds.skip(start)  # the seeded, repeated stream continues where the run stopped
    chunk = max(1, args.checkpoint_every)
    n_samples = 64 if "resolution" in preset else 2500  # a grid of images, or the 2,500 points the toy protocol scores
    samples = SampleGrid(out, every_n_steps=args.sample_every, n=n_samples, centers=_centers(preset), start_step=start)
    callbacks = [ProgressBar(args.steps, start), samples, ckpt, StopAtStep(args.steps)]
    if args.eval_every:
        callbacks.insert(1, _metrics_callback(args, preset, out, start))
    epochs = math.ceil((args.steps - start) / chunk)
    print(f"training {preset['preset']} -> {out}: steps {start}..{args.steps}, batch {preset['batch_size']}, "
          f"{strategy.num_replicas_in_sync} replica(s)", file=sys.stderr)
    try:
        gan.fit(ds, epochs=epochs, steps_per_epoch=chunk, callbacks=callbacks, verbose=0, shuffle=False)
    except KeyboardInterrupt:
        ckpt.save()
        print(f"\ninterrupted at step {ckpt.step}; checkpoint saved. Continue with: "
              f"keras-gans train {args.preset} --out {out} --steps {args.steps} --resume", file=sys.stderr)
        return 130
    export_dir = gan.export_generator(os.path.join(out, "generator"))
    print(f"done: step {ckpt.step}; samples {samples.last_path}; generator SavedModel {export_dir}")


def _metrics_callback(args, preset, out, start):
    from keras_gans.callbacks import MetricsCallback
    from keras_gans.metrics import metric_names
    from keras_gans.metrics.run_evaluation import evaluation_arguments

    metrics = _metric_list(args.eval_metrics, metric_names())
    arguments = evaluation_arguments(preset, metrics, n=args.eval_n)
    return MetricsCallback(metrics, every_n_steps=args.eval_every, log_dir=os.path.join(out, "tensorboard"),
                           start_step=start, verbose=True, **arguments)


def _metric_list(text, known):
    metrics = [m.strip() for m in text.split(",") if m.strip()]
    unknown = [m for m in metrics if m not in known]
    if unknown:
        raise ValueError(f"unknown metric(s) {', '.join(unknown)}; available: {', '.join(known)}.")
    return metrics


def cmd_sample(args):
    from keras_gans import runs
    from keras_gans.images import save_samples

    gan, preset, step = runs.load_run(args.run_dir)
    samples = gan.generate(n=args.n, seed=args.seed)
    path = save_samples(args.out, samples, centers=_centers(preset), title=f"{preset['preset']} step {step}")
    print(f"wrote {args.n} samples of {args.run_dir} (step {step}) to {path}")


def cmd_export(args):
    from keras_gans import runs

    gan, _, step = runs.load_run(args.run_dir)
    out = args.out or os.path.join(args.run_dir, "generator")
    gan.export_generator(out)
    print(f"exported the generator of {args.run_dir} (step {step}) to {out}: signature 'serve', input z [N, {gan.latent_dim}]")


def cmd_eval(args):
    from keras_gans.metrics import metric_names
    from keras_gans.metrics.run_evaluation import evaluate_run, format_table

    metrics = _metric_list(args.metrics, metric_names())
    results, info = evaluate_run(args.run_dir, metrics, n=args.n, extractor=args.extractor, split=args.split,
                                 cache_dir=args.cache_dir, seed=args.seed, progress=True)
    print(f"{info['preset']} step {info['step']}, {info['n']} samples, features {info['extractor']}, "
          f"reference split {info['split']} ({info['seconds']} s)")
    print(format_table(results))
    print(f"wrote {os.path.join(args.run_dir, 'metrics.json')}")


def build_parser():
    p = argparse.ArgumentParser(prog="keras-gans", description="Train, sample and export GANs from the keras_gans zoo.")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train a preset; writes samples, checkpoints and the exported generator")
    t.add_argument("preset", help="a preset name (see `keras-gans list`)")
    t.add_argument("--dataset", help="a TFDS name, ring/grid, or a path (IDX folder, .npz, image folder)")
    t.add_argument("--steps", type=int, default=None, help="generator updates in total (default: the preset's steps, else 10000)")
    t.add_argument("--batch-size", type=int, help="global batch size")
    t.add_argument("--out", help="run directory (default runs/PRESET)")
    t.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a preset key, e.g. optimizers.d.learning_rate=1e-4")
    t.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    t.add_argument("--sample-every", type=int, default=500, help="write a sample grid every N steps")
    t.add_argument("--checkpoint-every", type=int, default=500, help="checkpoint every N steps")
    t.add_argument("--strategy", default="auto", help="auto, cpu, gpu, mirrored, multi_worker or tpu")
    t.add_argument("--eval-every", type=int, default=0, help="evaluate --eval-metrics every N steps (TensorBoard: RUN/tensorboard)")
    t.add_argument("--eval-metrics", default="fid", help="comma-separated metrics for --eval-every (see `eval`)")
    t.add_argument("--eval-n", type=int, default=2000, help="samples per evaluation during training")
    t.set_defaults(fn=cmd_train)

    s = sub.add_parser("sample", help="write a grid (or scatter plot) of samples from a run")
    s.add_argument("run_dir")
    s.add_argument("--n", type=int, default=64)
    s.add_argument("--out", default="samples.png")
    s.add_argument("--seed", type=int, default=0)
    s.set_defaults(fn=cmd_sample)

    e = sub.add_parser("export", help="export a run's generator as a SavedModel")
    e.add_argument("run_dir")
    e.add_argument("--out")
    e.set_defaults(fn=cmd_export)

    v = sub.add_parser("eval", help="compute sample-quality metrics of a run; writes RUN_DIR/metrics.json")
    v.add_argument("run_dir")
    v.add_argument("--metrics", default="fid,kid,is,pr,modes", help="comma-separated: fid,kid,is,pr,mmd,swd,modes,ppl")
    v.add_argument("--n", type=int, default=10000, help="generated (and real) samples (default 10000)")
    v.add_argument("--extractor", default="auto", help="auto, identity, mnist, inception, inception:PATH or a .keras classifier")
    v.add_argument("--split", default="train", help="the real data's split for the reference statistics")
    v.add_argument("--cache-dir", help="where reference statistics are cached (default ~/.cache/keras_gans)")
    v.add_argument("--seed", type=int, default=0)
    v.set_defaults(fn=cmd_eval)

    sub.add_parser("list", help="list the presets").set_defaults(fn=cmd_list)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    _quiet_tensorflow()
    from keras_gans.data.errors import DataError
    from keras_gans.metrics.extractors.base import ExtractorUnavailable

    try:
        return args.fn(args) or 0
    except (KeyError, TypeError, ValueError, FileNotFoundError, FileExistsError, DataError, ExtractorUnavailable) as e:
        if os.environ.get("KERAS_GANS_DEBUG"):
            raise
        message = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
        print(f"keras-gans: error: {message}\n(KERAS_GANS_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
