"""A run directory: ``config.json`` (the resolved preset), ``checkpoints/``, sample PNGs, ``generator/``."""

import json
import os

from keras_gans.callbacks.checkpoint import RunCheckpoint
from keras_gans.zoo.builder import build_gan

CONFIG = "config.json"


def config_path(run_dir):
    return os.path.join(run_dir, CONFIG)


def checkpoint_dir(run_dir):
    return os.path.join(run_dir, "checkpoints")


def write_config(run_dir, preset):
    os.makedirs(run_dir, exist_ok=True)
    with open(config_path(run_dir), "w") as f:
        json.dump(preset, f, indent=2, sort_keys=True)


def read_config(run_dir):
    path = config_path(run_dir)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{run_dir} is not a run directory (no {CONFIG}); make one with `keras-gans train PRESET --out {run_dir}`.")
    with open(path) as f:
        return json.load(f)


def load_run(run_dir, strategy=None):
    """(gan, preset, step) with the latest checkpoint restored."""
    preset = read_config(run_dir)
    gan = build_gan(preset, strategy=strategy)
    step = RunCheckpoint(gan, checkpoint_dir(run_dir)).restore(expect_partial=True)
    if step == 0:
        raise FileNotFoundError(f"{run_dir} has no checkpoint yet; train it first (`keras-gans train ... --out {run_dir}`).")
    return gan, preset, step
