"""Evaluate a run directory (``keras-gans eval``): its latest checkpoint against its own dataset."""

import json
import os
import time

import numpy as np

from keras_gans.metrics.evaluation import Evaluation
from keras_gans.metrics.extractors import DomainClassifier, mnist_classifier, resolve_extractor

METRICS_FILE = "metrics.json"


def real_sampler(preset, split="train", seed=0):
    """A function n -> n real samples (images in [-1, 1] at the run's size, or 2-D points)."""
    from keras_gans import data
    from keras_gans.data.toy import TOY, sample_mixture

    spec = dict(preset["dataset"])
    name = spec.pop("name")
    if name in TOY:
        from keras_gans.data.errors import check_single_split

        check_single_split(name, split, "a toy distribution")
        make_centers, std = TOY[name]
        return lambda n: sample_mixture(make_centers(), std, n, seed=seed + 1)[0]

    def sample(n):
        from keras_gans.data.errors import TooFewSamples

        batch = min(n, 500)
        try:
            ds = data.load(name, split=split, image_size=preset["resolution"], channels=preset["channels"],
                           batch_size=batch, shuffle=True, seed=seed, **spec)
        except TooFewSamples as e:
            raise TooFewSamples.for_evaluation(name, e.count, n) from None
        count = ds.source_info.get("samples")
        if count is not None and count < n:
            raise TooFewSamples.for_evaluation(name, count, n)
        batches, have = [], 0
        for batch_ in ds:  # one pass: a reference of repeated samples would understate the real spread
            x = batch_[0] if isinstance(batch_, tuple) else batch_
            batches.append(x.numpy())
            have += len(batches[-1])
            if have >= n:
                return np.concatenate(batches)[:n]
        raise TooFewSamples.for_evaluation(name, have, n)

    return sample


def labelled_real_sampler(preset, split="train", seed=0):
    """A function n -> (n real images, their labels) of a labelled image dataset, in one pass of the data."""
    from keras_gans import data

    spec = dict(preset["dataset"])
    name = spec.pop("name")

    def sample(n):
        ds = data.load(name, split=split, image_size=preset["resolution"], channels=preset["channels"],
                       batch_size=min(n, 500), shuffle=True, seed=seed, labels=True, **spec)
        xs, ys, have = [], [], 0
        for x, y in ds:
            xs.append(x.numpy())
            ys.append(y.numpy())
            have += len(xs[-1])
            if have >= n:
                break
        return np.concatenate(xs)[:n], np.concatenate(ys)[:n]

    return sample


def dataset_key(preset):
    spec = preset["dataset"]
    if "resolution" not in preset:
        return spec["name"]
    return f"{spec['name']}@{preset['resolution']}x{preset['resolution']}x{preset['channels']}-{spec.get('resize', 'bilinear')}"


def evaluation_arguments(preset, metrics, n=10_000, extractor="auto", split="train", cache_dir=None, seed=0,
                         classifier=None):
    """The ``Evaluation`` / ``MetricsCallback`` arguments (all but the GAN) for a run of ``preset``:
    its real data, the extractor ``auto`` picks for its samples, its mixture or mode classifier
    (``classifier``: a ``.keras`` classifier of the data's classes for ``accuracy``, an ``ImageClassifier``)."""
    from keras_gans.data.errors import check_single_split
    from keras_gans.data.loader import has_splits
    from keras_gans.data.toy import TOY

    name = preset["dataset"]["name"]
    if not has_splits(name):  # before any weights are loaded or samples made
        kind = "a toy distribution" if name in TOY else "a folder of images" if os.path.isdir(name) else "a file of samples"
        check_single_split(name, split, kind)
    shape = (preset["data_dim"],) if "resolution" not in preset else (preset["resolution"],) * 2 + (preset["channels"],)
    resize = preset["dataset"].get("resize", "bilinear")
    feature_extractor = resolve_extractor(extractor, shape, resize)
    if any(m != "modes" for m in metrics):  # every other metric reads features: missing weights fail now
        feature_extractor.ensure_available()
    mixture = (TOY[name][0](), TOY[name][1]) if name in TOY else None
    mode_classifier = None
    if classifier is not None:
        from keras_gans.metrics.extractors import ImageClassifier

        mode_classifier = ImageClassifier(classifier, "crop_or_pad" if resize == "pad" else "bilinear")
    elif ("modes" in metrics or "accuracy" in metrics) and mixture is None:
        mode_classifier = feature_extractor if isinstance(feature_extractor, DomainClassifier) else mnist_classifier(
            "crop_or_pad" if resize == "pad" else "bilinear"
        )
    return dict(real_samples=real_sampler(preset, split, seed), extractor=feature_extractor, n=n, seed=seed,
                reference_key=(dataset_key(preset), split), cache_dir=cache_dir, mixture=mixture,
                mode_classifier=mode_classifier,
                labelled_real_samples=labelled_real_sampler(preset, split, seed) if "intra_fid" in metrics else None)


def evaluate_run(run_dir, metrics, n=10_000, extractor="auto", split="train", cache_dir=None, seed=0, progress=True,
                 write=True, classifier=None):
    """(results, info): the metrics of the run's latest checkpoint; also written to ``RUN_DIR/metrics.json``
    when ``write``."""
    from keras_gans import runs

    gan, preset, step = runs.restore_run(run_dir)
    arguments = evaluation_arguments(preset, metrics, n, extractor, split, cache_dir, seed, classifier)
    ev = Evaluation(gan, progress=progress, **arguments)
    start = time.time()
    results = ev.run(metrics)
    info = {"run": os.path.abspath(run_dir), "preset": preset.get("preset"), "step": step, "n": n, "split": split,
            "extractor": arguments["extractor"].id, "seconds": round(time.time() - start, 1)}
    if write:
        with open(os.path.join(run_dir, METRICS_FILE), "w") as f:
            json.dump({**info, "metrics": results}, f, indent=2)
    return results, info


def format_table(results):
    width = max(len(k) for k in results)
    lines = []
    for k, v in results.items():
        if isinstance(v, dict):  # per-class figures: one line
            v = ", ".join(f"{c}: {x:.4g}" for c, x in v.items())
        lines.append(f"{k:<{width}}  {v:.6g}" if isinstance(v, float) else f"{k:<{width}}  {v}")
    return "\n".join(lines)
