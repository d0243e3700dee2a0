"""A run directory: ``config.json`` (the resolved preset), ``checkpoints/``, sample PNGs, ``generator/``.

``config.json`` is written once, atomically (a temporary file in the same folder, flushed, then renamed
over the target), so a kill at any moment leaves either no config or a whole one; ``--resume`` never
rewrites it, except to re-point a dataset that moved (again atomically)."""

import json
import os

CONFIG = "config.json"


def config_path(run_dir):
    return os.path.join(run_dir, CONFIG)


def checkpoint_dir(run_dir):
    return os.path.join(run_dir, "checkpoints")


def checkpoint_steps(run_dir):
    """The steps of the checkpoints on disk (``ckpt-N.index`` files), ascending; read without TensorFlow."""
    folder = checkpoint_dir(run_dir)
    names = os.listdir(folder) if os.path.isdir(folder) else []
    return sorted(int(n[5:-6]) for n in names if n.startswith("ckpt-") and n.endswith(".index") and n[5:-6].isdigit())


def is_run_dir(path):
    return os.path.isfile(config_path(path))


def never_started(run_dir):
    """Whether ``run_dir`` holds a start killed before its first checkpoint and nothing else of value: its
    ``config.json``, maybe TensorBoard's first events and checkpoint temporaries, no checkpoint, no sample."""
    if not is_run_dir(run_dir) or checkpoint_steps(run_dir):
        return False
    for root, _, names in os.walk(run_dir):
        rel = os.path.relpath(root, run_dir).split(os.sep)[0]
        if rel in ("tensorboard", "checkpoints"):
            continue
        if any(n != "config.json" for n in names) or (rel != "." and names):
            return False
    return True


def write_config(run_dir, preset):
    os.makedirs(run_dir, exist_ok=True)
    path = config_path(run_dir)
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "w") as f:
        json.dump(preset, f, indent=2, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def read_config(run_dir):
    path = config_path(run_dir)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{run_dir} is not a run directory (no {CONFIG}); make one with `keras-gans train PRESET --out {run_dir}`.")
    try:
        with open(path) as f:
            return json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"{path} is damaged ({e}); it cannot be read. Start a new run with another --out.") from None


def _is_path(name):
    from keras_gans.data.loader import _looks_like_path

    return _looks_like_path(name) or os.path.isabs(name)


def check_dataset(run_dir, preset):
    """A run whose dataset path no longer exists: an error that says where the path comes from and how
    to re-point the run."""
    name = preset["dataset"]["name"]
    if _is_path(name) and not os.path.exists(name):
        raise FileNotFoundError(
            f"The dataset of {run_dir}, {name!r} (recorded in {config_path(run_dir)}), no longer exists. If it "
            f"moved, point the run at its new place: keras-gans train {run_dir} --resume --dataset NEW_PATH"
        )


def repoint_dataset(run_dir, preset, new_name, write=True):
    """A dataset's new place, recorded in ``config.json`` (unless not ``write``: the caller records it once the
    data passed its checks); returns the updated preset and the old name."""
    old = preset["dataset"]["name"]
    if _is_path(new_name) and not os.path.exists(new_name):
        raise FileNotFoundError(f"--dataset {new_name!r} does not exist.")
    preset = {**preset, "dataset": {**preset["dataset"], "name": new_name}}
    if write:
        write_config(run_dir, preset)
    return preset, old


def load_run(run_dir, strategy=None):
    """The trained GAN of a run directory, the way keras-hub's ``from_preset`` returns a model: built from the
    run's ``config.json`` with its latest intact checkpoint restored, so that ``generate``, ``interpolate``,
    ``project`` and the exports use the weights training reached (the EMA of G where the preset keeps one:
    ``sampling_generator``). The run rides on the model: ``gan.run_config`` (the resolved preset), ``gan.run_step``
    (the checkpoint's step), ``gan.run_dir``; a conditional run's classes are ``gan.class_names`` / ``gan.class_name(i)``.

        >>> gan = keras_gans.load_run("runs/digits")
        >>> images = gan.generate(16, seed=0)

    A folder that is not a run, or a run without a checkpoint yet, is a ``FileNotFoundError`` that says what to do."""
    gan, preset, step = restore_run(run_dir, strategy=strategy)
    gan.run_config, gan.run_step, gan.run_dir = preset, step, run_dir
    return gan


def restore_run(run_dir, strategy=None):
    """(gan, preset, step) with the latest intact checkpoint restored."""
    from keras_gans.callbacks.checkpoint import RunCheckpoint
    from keras_gans.zoo.builder import build_gan

    preset = read_config(run_dir)
    gan = build_gan(preset, strategy=strategy)
    step = RunCheckpoint(gan, checkpoint_dir(run_dir)).restore(expect_partial=True)
    if step == 0:
        raise FileNotFoundError(f"{run_dir} has no checkpoint yet; train it first (`keras-gans train ... --out {run_dir}`).")
    return gan, preset, step
