"""``keras-gans train``: a preset into a run directory that survives interruptions.

A run directory is created only by a start that gets to its first checkpoint: if anything fails before
that (bad data, a diverging first steps, a full disk), the directory it made is removed, so the corrected
command is never blocked. ``--resume`` never rewrites ``config.json`` (except ``--dataset NEW_PATH`` to
re-point a run whose data moved)."""

import contextlib
import hashlib
import math
import os
import shutil
import sys
import tempfile

from keras_gans.cli.parser import EXIT_INTERRUPTED, check_output_dir
from keras_gans.cli.preemption import EXIT_PREEMPTED, Preempted, sigterm_as_preemption


def centers(preset):
    from keras_gans.data.toy import TOY

    name = preset["dataset"].get("name")
    return TOY[name][0]() if name in TOY else None


def dataset(preset):
    """The preset's training stream. A seeded shuffle's order is a function of TensorFlow's global seed as
    well as its own (``tf.random.set_seed``), so the preset's seed is set first: every process of a run (one,
    or each worker of a multi-worker run) and every run in one process draws the same batches."""
    import keras

    from keras_gans import data

    if preset.get("seed") is not None:
        keras.utils.set_random_seed(int(preset["seed"]))
    spec = dict(preset["dataset"])
    name = spec.pop("name")
    kwargs = {"batch_size": preset["batch_size"], "repeat": True, "seed": preset.get("seed")}
    if "resolution" in preset:
        kwargs.update(image_size=preset["resolution"], channels=preset["channels"])
    from keras_gans.registry import call_checked

    if preset.get("conditional"):
        kwargs["labels"] = True  # a data source without labels is refused with the sources that have them
    ds = call_checked(data.load, "dataset", {"name_or_path": name, **kwargs, **spec})
    from keras_gans.zoo.conditional import take_classes

    take_classes(preset, ds.source_info)  # a conditional preset gets the data's classes (a resumed run: the same ones)
    return ds


def check_metrics(metrics):
    from keras_gans.metrics import metric_names

    known = metric_names()
    unknown = [m for m in metrics if m not in known]
    if unknown:
        raise ValueError(f"unknown metric(s) {', '.join(unknown)}; available: {', '.join(known)}.")
    return metrics


def _overrides(args):
    from keras_gans.zoo.overrides import parse_assignments

    overrides = parse_assignments(args.set)
    if args.dataset:
        overrides["dataset.name"] = args.dataset
    if args.batch_size:
        overrides["batch_size"] = args.batch_size
    if args.on_nonfinite:
        overrides["model.on_nonfinite"] = args.on_nonfinite
    return overrides


def _changes_growth(args, preset):
    """Whether ``--set`` gives the growth schedule of progressive growing other values than the run's."""
    import copy

    from keras_gans.zoo.overrides import apply_overrides, parse_assignments

    growth = {k: v for k, v in parse_assignments(args.set).items() if k.startswith("model.growth")}
    return bool(growth) and apply_overrides(copy.deepcopy(preset), growth)["model"].get("growth") != preset["model"].get("growth")


def _run_dir(args):
    """(run directory, preset name): ``train RUN`` names a run directory (name None), ``train PRESET`` a preset
    whose run goes to ``--out`` or ``runs/PRESET``."""
    from keras_gans import runs

    if runs.is_run_dir(args.preset) and args.out in (None, args.preset):
        return args.preset, None
    return args.out or os.path.join("runs", args.preset), args.preset


def _run_and_preset(args):
    """(run directory, preset, whether this resumes), every check made before anything is written."""
    from keras_gans import runs, zoo

    out, name = _run_dir(args)
    if args.restart:
        args.resume = True  # a restart reads the run's own config.json, as a resume does
    if name is None:  # `train RUN --resume`
        if not args.resume:
            raise FileExistsError(f"{out} already holds a run; add --resume to continue it.")
    check_output_dir(out)
    if args.eval_every:
        check_metrics(args.eval_metrics)
    if not args.resume:
        if runs.never_started(out):  # a start killed before its first checkpoint: nothing of it is worth keeping
            print(f"note: {out} held only the config.json of a start that never reached its first checkpoint; "
                  "starting anew in it.", file=sys.stderr)
            shutil.rmtree(out)
        if runs.is_run_dir(out):
            raise FileExistsError(f"{out} already holds a run; pass --resume to continue it, or another --out.")
        if os.path.isdir(out) and os.listdir(out):
            raise FileExistsError(f"--out {out} is a folder of other files, not a run: a run would mix its checkpoints, "
                                  "samples and generator into it. Give a new or empty folder.")
        preset = zoo.resolve(name, **_overrides(args))
        _check_out_outside_the_data(out, preset["dataset"].get("name"))
        return out, preset, False
    preset = runs.read_config(out)
    kept = runs.checkpoint_steps(out)
    if not kept and not args.restart:  # killed before its first checkpoint, or checkpoints/ deleted
        raise FileExistsError(
            f"{out} holds no checkpoint ({runs.checkpoint_dir(out)} is missing or empty), so --resume has nothing to "
            "continue. Add --restart to start it again at step 0 with its config.json, or give a fresh --out.")
    if kept and args.restart:
        raise FileExistsError(f"--restart starts a run that holds no checkpoint again; {out} holds checkpoints up to step "
                              f"{kept[-1]}: drop --restart to continue from there, or give a fresh --out to start over.")
    if args.restart:
        print(f"note: {out} holds no checkpoint: starting it again at step 0 with its config.json.", file=sys.stderr)
    if name is not None and preset.get("preset") != name:
        raise ValueError(f"{out} holds a run of preset {preset.get('preset')!r}, not {name!r}.")
    if _changes_growth(args, preset):
        raise ValueError(f"the growth schedule of {out} is fixed at its start (its stages begin at steps the checkpoints "
                         "hold); --resume cannot change model.growth. Start a new run with --out to try another schedule.")
    if args.dataset and args.dataset != preset["dataset"].get("name"):
        # a conditional run records the new place once the data showed the run's classes (_train)
        preset, old = runs.repoint_dataset(out, preset, args.dataset, write=not preset.get("conditional"))
        print(f"note: dataset of {out} re-pointed from {old!r} to {args.dataset!r}"
              f"{'' if preset.get('conditional') else ' (config.json updated)'}", file=sys.stderr)
    if args.set or args.batch_size or args.on_nonfinite:
        print("note: --resume keeps the run's own config.json; --set/--batch-size/--on-nonfinite are ignored", file=sys.stderr)
    runs.check_dataset(out, preset)
    return out, preset, True


def _check_out_outside_the_data(out, dataset):
    """A run inside the folder of images it trains on would put its sample grids into the next run's data."""
    if not dataset or not os.path.isdir(dataset):
        return
    data, run = os.path.realpath(dataset), os.path.realpath(out)
    if run == data or run.startswith(data + os.sep):
        raise ValueError(f"--out {out} lies inside the dataset folder {dataset}: the run's sample grids would become "
                         "training images of the next run on that folder. Give an --out outside it.")


def _check_steps_per_execution(n, **counts):
    """With ``steps_per_execution`` n, ``fit`` runs n steps per call: the run's step counts must be multiples."""
    def flag(key):
        return "--" + key.replace("_", "-")

    bad = {k: v for k, v in counts.items() if v % n}
    if n > 1 and bad:
        given = ", ".join(f"{flag(k)} {v}" for k, v in bad.items())
        fixed = ", ".join(f"{flag(k)} {(v // n + 1) * n}" for k, v in bad.items())
        raise ValueError(f"steps_per_execution={n} runs {n} steps per call, so {given} must be a multiple of {n} "
                         f"(e.g. {fixed}).")


def _follower_run_and_preset(args):
    """A non-chief worker of a multi-worker run: the chief's run directory and preset, read-only (the chief
    makes the checks and writes ``config.json``)."""
    from keras_gans import runs, zoo

    out, _ = _run_dir(args)
    preset = runs.read_config(out) if args.resume else zoo.resolve(args.preset, **_overrides(args))
    return out, preset, args.resume


def cmd_train(args):
    from keras_gans import runs
    from keras_gans.distribute import is_chief_task

    if args.strategy == "multi_worker" and not is_chief_task():
        out, preset, resume = _follower_run_and_preset(args)
        steps = args.steps or int(preset.get("steps", 10000))
        _check_steps_per_execution(preset.get("steps_per_execution", 1), steps=steps, checkpoint_every=args.checkpoint_every)
        write_dir = tempfile.mkdtemp(prefix="keras_gans_worker_")  # what this worker writes, thrown away
        try:
            return _train(args, out, preset, resume, steps, write_dir=write_dir)
        finally:
            shutil.rmtree(write_dir, ignore_errors=True)
    out, preset, resume = _run_and_preset(args)
    steps = args.steps or int(preset.get("steps", 10000))  # the preset's training length, else 10000
    _check_steps_per_execution(preset.get("steps_per_execution", 1), steps=steps, checkpoint_every=args.checkpoint_every)
    created = not os.path.exists(out)
    # a SIGTERM saves a checkpoint and exits EXIT_PREEMPTED; in a multi-worker run TensorFlow's pre-emption
    # handler does it (callbacks.PreemptionCheckpoint: a save there is a collective of all workers)
    preemption = contextlib.nullcontext() if args.strategy == "multi_worker" else sigterm_as_preemption()
    try:
        with preemption as sigterm:
            return _train(args, out, preset, resume, steps, sigterm=sigterm)
    except BaseException as e:
        from keras_gans.models.nonfinite import NonFiniteError

        kept = runs.checkpoint_steps(out)
        if created and not kept:
            shutil.rmtree(out, ignore_errors=True)  # a failed start leaves nothing that blocks the next try
            where = f"{out} was removed: the run failed before its first checkpoint."
        else:
            where = (f"The run's last good checkpoint is step {kept[-1]} in {runs.checkpoint_dir(out)}; nothing non-finite was "
                     "saved or exported." if kept else "")
        if isinstance(e, NonFiniteError):
            raise NonFiniteError(f"{e}\n{where}") from None
        _name_the_broken_images(e, preset["dataset"].get("name"))
        if isinstance(e, Preempted):
            print(f"\nstopped by SIGTERM before the first checkpoint. {where}", file=sys.stderr)
            return EXIT_PREEMPTED
        if created and not kept:
            print(f"note: {where}", file=sys.stderr)
        raise


def _name_the_broken_images(error, dataset):
    """A damaged image stopped the stream of an image folder: the folder is scanned for the files to name."""
    from keras_gans.data.errors import UndecodableImage

    if isinstance(error, UndecodableImage) and not error.named and dataset and os.path.isdir(dataset):
        from keras_gans.data.image_folder import SKIP_ADVICE, find_bad_images

        bad = find_bad_images(dataset)
        if bad:
            files = "; ".join(f"{f} ({reason})" for f, reason in bad)
            raise UndecodableImage(f"cannot decode {files}: {SKIP_ADVICE if len(bad) == 1 else SKIP_ADVICE.replace('it,', 'them,')}.") from None


def weights_digest(gan):
    """SHA-256 of every weight of G and D (their bytes in order): equal digests, equal weights."""
    digest = hashlib.sha256()
    for v in gan.generator.weights + gan.discriminator.weights:
        digest.update(v.numpy().tobytes())
    return digest.hexdigest()


def _train(args, out, preset, resume, steps, write_dir=None, sigterm=None):
    """Train into ``out``; a non-chief worker of a multi-worker run reads ``out`` (its checkpoints) but writes
    into ``write_dir``: every worker saves, samples and exports alike (their variables take part in the same
    collectives), and only the chief's files are kept. ``sigterm``: the ``Sigterm`` of the block the run is
    in, checked after every step."""
    from keras_gans import runs, zoo
    from keras_gans.callbacks import NonFiniteGuard, ProgressBar, RunCheckpoint, SampleGrid, StopAtStep
    from keras_gans.distribute import resolve_strategy

    strategy = resolve_strategy(args.strategy, tpu=getattr(args, "tpu", None))
    ds = data_source = dataset(preset)
    gan = zoo.build_gan(preset, strategy=strategy)
    spec = ds.element_spec[0] if isinstance(ds.element_spec, tuple) else ds.element_spec
    gan.check_data_shape(spec.shape)  # before anything is written to the run directory
    chief = write_dir is None
    write_dir = out if chief else write_dir
    if chief and (not resume or preset.get("conditional")):  # a resumed conditional run: its data's place, checked
        runs.write_config(out, preset)
    guard = NonFiniteGuard(gan.on_nonfinite)
    ckpt = RunCheckpoint(gan, runs.checkpoint_dir(write_dir), guard=guard,
                         read_from=None if chief else runs.checkpoint_dir(out))
    guard.checkpoint = ckpt
    ckpt.remove_temporaries()
    start = ckpt.restore() if resume else 0
    if start >= steps:
        print(f"{out} is already at step {start} >= --steps {steps}; nothing to do.")
        return 0
    ds = gan.critic_batches(ds)  # d_steps real batches per step
    if start:
        ds = ds.skip(start)  # the seeded, repeated stream continues where the run stopped
    chunk = args.checkpoint_every
    n_samples = 64 if "resolution" in preset else 2500  # a grid of images, or the 2,500 points the toy protocol scores
    tensorboard = os.path.join(write_dir, "tensorboard")
    samples = SampleGrid(write_dir, every_n_steps=args.sample_every, n=n_samples, centers=centers(preset),
                         log_dir=tensorboard if getattr(args, "log_every", 0) else None)
    callbacks = [*gan.run_callbacks(tensorboard), guard, ProgressBar(steps, start, report_speed=chief), samples, ckpt,
                 StopAtStep(steps)]
    if getattr(args, "log_every", 0):
        from keras_gans.callbacks import TrainingLog

        from keras_gans.callbacks import Doctor

        real, held_out = health_samples(preset)
        callbacks[-2:-2] = [TrainingLog(write_dir, every_n_steps=args.log_every, log_dir=tensorboard,
                                        extractor=health_extractor(preset, args.eval_extractor), real_samples=real,
                                        held_out_samples=held_out),
                            Doctor(write_dir, every_n_steps=max(args.log_every * 10, 500), config=preset)]
    if args.eval_every:
        callbacks.insert(2, _metrics_callback(args, preset, write_dir, start))
    if args.strategy == "multi_worker":  # a SIGTERM to any worker: every worker saves at the same step
        from keras_gans.callbacks import PreemptionCheckpoint

        callbacks.insert(-1, PreemptionCheckpoint(strategy, ckpt))
    if sigterm is not None:  # a SIGTERM whose exception native code swallowed still stops the run
        import keras

        callbacks.append(keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: sigterm.check()))
    epochs = math.ceil((steps - start) / chunk) * (1 + (guard.limit if guard.policy == "rollback" else 0))
    print(f"training {preset['preset']} -> {out}: steps {start}..{steps}, batch {preset['batch_size']}, "
          f"{strategy.num_replicas_in_sync} replica(s)", file=sys.stderr)
    if chief:
        from keras_gans.cli.summary import startup_lines

        lines, warnings = startup_lines(gan, data_source, preset, steps, args.sample_every, out)
        print("\n".join(["  " + line for line in lines] + warnings), file=sys.stderr)
    try:
        gan.fit(ds, epochs=epochs, steps_per_epoch=chunk, callbacks=callbacks, verbose=0, shuffle=False)
    except (KeyboardInterrupt, Preempted) as e:
        if not getattr(e, "saved", False):
            ckpt.save()
        if chief and getattr(args, "log_every", 0):
            _health_page(write_dir)
        what = "stopped by SIGTERM (a pre-emption)" if isinstance(e, Preempted) else "interrupted"
        print(f"\n{what} at step {ckpt.step}; checkpoint saved. Continue with: "
              f"keras-gans train {out} --resume --steps {steps}", file=sys.stderr)
        return EXIT_PREEMPTED if isinstance(e, Preempted) else EXIT_INTERRUPTED
    export_dir = gan.export_generator(os.path.join(write_dir, "generator"))
    health = _health_page(write_dir) if chief and getattr(args, "log_every", 0) else None
    if chief:
        print(f"done: step {ckpt.step}; samples {samples.last_path}; generator SavedModel {export_dir}"
              + (f"; training health {health} (keras-gans doctor {out})" if health else ""))
    if args.strategy == "multi_worker":  # every worker says what it holds: equal digests, equal weights
        print(f"worker done: step {ckpt.step}; weights sha256 {weights_digest(gan)}", flush=True)
    return 0


def _health_page(run_dir):
    from keras_gans.cli.health import write_health_page

    return write_health_page(run_dir)


def health_samples(preset):
    """(training images, held-out images) for ``TrainingLog``: functions n -> n real samples of the run's data
    (with their labels for a conditional run), the held-out ones from its test split where it has one; a
    function returns None where the data cannot give them (the curves then go without)."""
    from keras_gans.data.loader import has_splits
    from keras_gans.metrics.run_evaluation import labelled_real_sampler, real_sampler

    name = preset["dataset"]["name"]
    sampler = labelled_real_sampler if preset.get("conditional") and "resolution" in preset else real_sampler

    def quietly(split):
        draw = sampler(preset, split, 0)

        def samples(n):
            try:
                return draw(n)
            except Exception:  # noqa: BLE001  (a curve of the log, never a reason to stop training)
                return None

        return samples

    held_out = quietly("test") if "resolution" in preset and has_splits(name) else None
    return quietly("train"), held_out


def health_extractor(preset, spec="auto"):
    """The features of the diversity curve (``TrainingLog``): ``spec`` as eval's ``--extractor``, where ``auto``
    is the packaged classifier of grayscale images and the points themselves for 2-D data; None (pixels) for
    RGB under ``auto`` (Inception on a fixed batch every ``--log-every`` steps would cost more than the steps)
    and where the extractor's weights are not on this machine."""
    from keras_gans.metrics.extractors import ExtractorUnavailable, resolve_extractor

    shape = (preset["data_dim"],) if "resolution" not in preset else (preset["resolution"],) * 2 + (preset["channels"],)
    if spec == "auto" and len(shape) == 3 and shape[-1] != 1:
        return None
    try:
        extractor = resolve_extractor(spec, shape, preset["dataset"].get("resize", "bilinear"))
        extractor.ensure_available()
    except ExtractorUnavailable:
        return None
    return extractor


def _metrics_callback(args, preset, out, start):
    from keras_gans.callbacks import MetricsCallback
    from keras_gans.metrics.run_evaluation import evaluation_arguments

    arguments = evaluation_arguments(preset, args.eval_metrics, n=args.eval_n, extractor=args.eval_extractor)
    return MetricsCallback(args.eval_metrics, every_n_steps=args.eval_every, log_dir=os.path.join(out, "tensorboard"),
                           start_step=start, verbose=True, csv_path=os.path.join(out, "metrics.csv"), **arguments)
