"""What every feature extractor offers: batched ``features`` and ``logits`` of images in [-1, 1]."""

import sys

import numpy as np
import tensorflow as tf
from tqdm.auto import tqdm


class ExtractorUnavailable(RuntimeError):
    """The extractor's weights are not on this machine (raised with how to provide them)."""


class FeatureExtractor:
    """Subclasses set ``id`` (a string naming the network and its weights, stored with reference
    statistics) and implement ``_outputs(images) -> (features [B, D], logits [B, K] or None)`` on a
    float32 batch in [-1, 1], NHWC, already checked.

    Returns:
        ``features(images)`` -> ``[N, D]``.

    Example:
        >>> class Pixels(FeatureExtractor):
        ...     id = "pixels"
        ...     def features(self, images):
        ...         return np.reshape(images, [len(images), -1])
    """

    id = "abstract"
    batch_size = 200

    def _outputs(self, images):
        raise NotImplementedError

    def ensure_available(self):
        """Raise ``ExtractorUnavailable`` (with how to provide the weights) now, before samples are made."""

    def check_images(self, images):
        """Raise a ValueError saying what is expected when a batch cannot be fed to this extractor."""
        if images.ndim != 4:
            raise ValueError(f"{self.id}: expected images [N, H, W, C], got shape {images.shape}.")

    def __call__(self, images, progress=False, batch_size=None):
        """(features [N, D], logits [N, K] or None) as float64 numpy arrays, computed in batches."""
        images = np.asarray(images)
        self.check_images(images)
        step = batch_size or self.batch_size
        feats, logits = [], []
        interval = 0.1 if sys.stderr.isatty() else 30.0  # a log file gets a line every 30 s, not every batch
        for i in tqdm(range(0, len(images), step), disable=not progress, unit="batch", desc=f"features ({self.id})",
                      mininterval=interval):
            f, l = self._outputs(tf.constant(images[i : i + step], tf.float32))
            feats.append(np.asarray(f, np.float64))
            if l is not None:
                logits.append(np.asarray(l, np.float64))
        return np.concatenate(feats), (np.concatenate(logits) if logits else None)

    def features(self, images, **kwargs):
        return self(images, **kwargs)[0]

    def differentiable_features(self, images):
        """Features [B, D] of a float32 tensor batch in [-1, 1], as a tensor through which gradients flow to the
        images (GAN inversion: ``keras_gans.latent.Projector``)."""
        return self._outputs(images)[0]

    def logits(self, images, **kwargs):
        out = self(images, **kwargs)[1]
        if out is None:
            raise ValueError(f"{self.id} has no classifier logits (needed for IS and mode counting).")
        return out
