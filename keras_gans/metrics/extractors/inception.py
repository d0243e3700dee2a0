"""Inception-v3 features as TF-GAN computes them (Szegedy et al. 2016; the network of the FID and IS
papers): images in [-1, 1] resized bilinearly to 299x299, grayscale tiled to RGB, the 2048-d ``pool_3``
activations for FID/KID/precision-recall and the 1008 ``logits`` for the Inception Score."""

import os

import tensorflow as tf

from keras_gans.metrics.extractors.base import ExtractorUnavailable, FeatureExtractor

TFGAN_INCEPTION = "https://tfhub.dev/tensorflow/tfgan/eval/inception/1"
SIZE = 299


class InceptionExtractor(FeatureExtractor):
    """``InceptionExtractor(handle_or_path)``: a TF-Hub handle (URL; cached in ``TFHUB_CACHE_DIR``) or a
    local directory holding the module (a SavedModel that maps [N, 299, 299, 3] in [-1, 1] to a dict with
    ``pool_3`` and ``logits``). Nothing is downloaded until the extractor is first used.

    Args:
        handle_or_path: a TF-Hub handle or a local copy of TF-GAN's Inception-v3.

    Returns:
        ``features`` -> pool_3 ``[N, 2048]``; ``logits`` -> ``[N, 1008]``.

    Example:
        >>> extractor = InceptionExtractor("path/to/inception")
    """

    batch_size = 50

    def __init__(self, handle_or_path=TFGAN_INCEPTION):
        self.handle = os.fspath(handle_or_path)
        self.id = f"inception_v3:{self.handle}"
        self._module = None

    def _load(self):
        try:
            if os.path.isdir(self.handle):
                return tf.saved_model.load(self.handle)
            if "://" not in self.handle:
                raise FileNotFoundError(f"no directory {self.handle}")
            import tensorflow_hub as hub

            return hub.load(self.handle)
        except Exception as e:  # network, missing files, incompatible module
            raise ExtractorUnavailable(
                f"cannot load Inception-v3 from {self.handle!r} ({type(e).__name__}: {str(e)[:200]}). On a machine "
                f"with internet, download {TFGAN_INCEPTION}?tf-hub-format=compressed, untar it into a folder and pass "
                "that folder (eval: `--extractor inception:PATH`; train: `--eval-extractor inception:PATH`; Python: "
                "InceptionExtractor(PATH)); or set TFHUB_CACHE_DIR "
                "to a cache that holds it. For MNIST-like data use the domain classifier instead."
            ) from e

    def ensure_available(self):
        if self._module is None:
            self._module = self._load()

    def check_images(self, images):
        super().check_images(images)
        if images.shape[-1] not in (1, 3):
            raise ValueError(f"Inception takes RGB or grayscale images, got {images.shape[-1]} channels.")

    def _outputs(self, images):
        self.ensure_available()
        if images.shape[-1] == 1:
            images = tf.tile(images, [1, 1, 1, 3])
        images = tf.image.resize(images, [SIZE, SIZE], method="bilinear")
        out = self._module(images)
        flat = lambda t: tf.reshape(t, [tf.shape(t)[0], -1])  # noqa: E731
        return flat(out["pool_3"]), flat(out["logits"])
