"""Statistics of the real side of a comparison, cached as ``.npz`` so that evaluating a run never
recomputes them: mean and (unbiased) covariance of the features (FID), the features themselves (KID,
precision/recall need samples), n, and what they were computed with -- extractor id, dataset, split.
Using statistics with another extractor than the one they were computed with is an error."""

import os
import re

import numpy as np


def default_cache_dir():
    """``$KERAS_GANS_CACHE/reference_stats`` or ``~/.cache/keras_gans/reference_stats``."""
    root = os.environ.get("KERAS_GANS_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "keras_gans")
    return os.path.join(root, "reference_stats")


def _slug(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", str(text)).strip("_")[-60:]


class ReferenceStatistics:
    """``ReferenceStatistics(features, extractor_id, dataset, split)``; ``.mean``, ``.cov``, ``.n``.

    Args:
        features: real features ``[N >= 2, D]``.
        extractor_id: the extractor that made them.
        dataset: the dataset's name.
        split: its split.
        mean: the features' mean, if known.
        cov: their covariance, if known.

    Example:
        >>> stats = ReferenceStatistics.cached("domain:mnist", "mnist", "train", 10000, compute_features)
    """

    def __init__(self, features, extractor_id, dataset="", split="", mean=None, cov=None):
        self.features = np.asarray(features, np.float64)
        if self.features.ndim != 2 or len(self.features) < 2:
            raise ValueError(f"reference features must be [N >= 2, D], got shape {self.features.shape}.")
        self.extractor_id, self.dataset, self.split = str(extractor_id), str(dataset), str(split)
        self.mean = self.features.mean(0) if mean is None else np.asarray(mean, np.float64)
        self.cov = np.cov(self.features, rowvar=False) if cov is None else np.asarray(cov, np.float64)

    @property
    def n(self):
        return len(self.features)

    def check_extractor(self, extractor_id):
        if extractor_id != self.extractor_id:
            raise ValueError(
                f"reference statistics of {self.dataset}/{self.split} were computed with {self.extractor_id!r}, not "
                f"{extractor_id!r}: features of different networks are not comparable. Recompute them with this "
                "extractor (delete the cached file, or pass another cache directory)."
            )
        return self

    def save(self, path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        tmp = path + ".tmp.npz"
        np.savez(tmp, features=self.features.astype(np.float32), mean=self.mean, cov=self.cov, n=self.n,
                 extractor_id=self.extractor_id, dataset=self.dataset, split=self.split)
        os.replace(tmp, path)  # never a half-written cache file
        return path

    @classmethod
    def load(cls, path):
        with np.load(path) as f:
            return cls(f["features"], str(f["extractor_id"]), str(f["dataset"]), str(f["split"]), f["mean"], f["cov"])

    @staticmethod
    def cache_path(cache_dir, dataset, split, n, extractor_id):
        return os.path.join(cache_dir, f"{_slug(dataset)}-{split}-{n}-{_slug(extractor_id)}.npz")

    @classmethod
    def cached(cls, extractor_id, dataset, split, n, compute_features, cache_dir=None):
        """The statistics from the cache, or ``compute_features()`` -> [n, D] saved there first."""
        path = cls.cache_path(cache_dir or default_cache_dir(), dataset, split, n, extractor_id)
        if os.path.exists(path):
            return cls.load(path).check_extractor(extractor_id)
        stats = cls(compute_features(), extractor_id, dataset, split)
        stats.save(path)
        return stats
