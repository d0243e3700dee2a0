"""The check of a converted generator: its outputs on a fixed batch of latents against the SavedModel's."""

import dataclasses
import os
import time

import numpy as np

# (max, mean) absolute difference allowed per variant: in uint8 levels for images (1 level = 1/255 of the
# range: a float32 conversion may round a pixel the other way), absolute for points (the toys' float outputs)
TOLERANCES = {
    "images": {"float32": (2, 0.05), "float16": (16, 1.0), "dynamic_range": (32, 2.0)},
    "points": {"float32": (1e-4, 1e-5), "float16": (2e-2, 5e-3), "dynamic_range": (0.2, 0.05)},
}


def check_batch(signature, n, num_classes=None, generators=None, seed=0):
    """The inputs of ``signature`` (a SavedModel signature function) for the check: ``n`` standard-normal latents
    ``z`` drawn with ``seed``, classes ``labels`` and ``generator`` indices cycling through theirs, psi 0.7."""
    spec = signature.structured_input_signature[1]
    rng = np.random.default_rng(seed)
    cycle = np.arange(n, dtype=np.int32)
    values = {"z": rng.standard_normal((n, spec["z"].shape[-1])).astype(np.float32),
              "labels": cycle % max(int(num_classes or 1), 1), "generator": cycle % max(int(generators or 1), 1),
              "truncation": np.float32(0.7)}
    unknown = [name for name in spec if name not in values]
    if unknown:
        raise ValueError(f"the export's signature takes {unknown}, which the check does not know how to fill.")
    return {name: values[name] for name in spec}


@dataclasses.dataclass
class Agreement:
    """One converted file and signature against the SavedModel: size, max / mean absolute difference of the
    outputs (uint8 levels for images), the tolerance, and the converted model's throughput on this CPU."""

    format: str
    variant: str
    file: str
    signature: str
    size_bytes: int
    output: str
    max_diff: float
    mean_diff: float
    tolerance: tuple
    images_per_second: float

    @property
    def within_tolerance(self):
        return self.max_diff <= self.tolerance[0] and self.mean_diff <= self.tolerance[1]

    @classmethod
    def measure(cls, fmt, variant, path, signature, reference, run, inputs, repeats=3, min_seconds=0.5):
        import tensorflow as tf

        expected = reference(**{k: tf.constant(v) for k, v in inputs.items()})
        got = run(**inputs)
        key = "images" if "images" in expected else "points"
        a = np.asarray(expected[key]).astype(np.float64)
        b = np.asarray(got[key]).astype(np.float64)
        if a.shape != b.shape:
            raise ValueError(f"{os.path.basename(path)} ({signature}) returns {key} of shape {b.shape}, the SavedModel {a.shape}.")
        diff = np.abs(a - b)
        calls, start = 0, time.perf_counter()
        while calls < repeats or time.perf_counter() - start < min_seconds:  # at least half a second: a steady rate
            run(**inputs)
            calls += 1
        rate = calls * len(inputs["z"]) / (time.perf_counter() - start)
        return cls(fmt, variant, os.path.basename(path), signature, _size(path), key, float(diff.max()),
                   float(diff.mean()), TOLERANCES[key][variant], rate)

    @classmethod
    def reference(cls, path, signature, function, inputs):
        """The SavedModel's own row (difference 0), so that its images/s sits beside the converted files'."""
        import tensorflow as tf

        def run(**kwargs):
            return function(**{k: tf.constant(v) for k, v in kwargs.items()})

        return cls.measure("saved_model", "float32", path, signature, function, run, inputs)

    def describe(self):
        unit = " levels" if self.output == "images" else ""
        return (f"{self.file} ({self.signature}): max difference {self.max_diff:g}{unit}, mean {self.mean_diff:.3g} "
                f"(tolerance {self.tolerance[0]:g} / {self.tolerance[1]:g})")


def _size(path):
    """Bytes of a file, or of every file under a folder (a SavedModel)."""
    if not os.path.isdir(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(path) for f in files)


def format_table(rows):
    """The rows as a text table: file, variant, signature, size, max / mean difference, tolerance, images/s."""
    width = max([len(r.file) for r in rows] + [4])
    lines = [f"{'file':{width}s} {'variant':14s} {'signature':16s} {'size':>9s} {'max diff':>9s} {'mean diff':>10s} "
             f"{'tolerance':>12s} {'images/s':>9s}"]
    for r in rows:
        lines.append(f"{r.file:{width}s} {r.variant:14s} {r.signature:16s} {r.size_bytes / 2**20:7.2f}MB {r.max_diff:9.4g} "
                     f"{r.mean_diff:10.3g} {r.tolerance[0]:>5g} / {r.tolerance[1]:<5g} {r.images_per_second:9.0f}")
    return "\n".join(lines)
