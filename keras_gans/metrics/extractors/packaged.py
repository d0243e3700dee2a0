"""Extractors that ship with the package, and the choice ``--extractor auto`` makes."""

import os

from keras_gans.metrics.extractors.base import ExtractorUnavailable
from keras_gans.metrics.extractors.domain_classifier import DomainClassifier
from keras_gans.metrics.extractors.identity import IdentityExtractor
from keras_gans.metrics.extractors.inception import InceptionExtractor

MNIST_CLASSIFIER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "assets", "mnist_classifier.keras")


def mnist_classifier(resize="bilinear"):
    """The MNIST digit classifier trained by ``tools/train_feature_extractor.py`` (shipped with the package)."""
    if not os.path.isfile(MNIST_CLASSIFIER):
        raise ExtractorUnavailable(
            f"the packaged MNIST classifier is missing ({MNIST_CLASSIFIER}); train it with `python "
            f"tools/train_feature_extractor.py --dataset mnist --out {MNIST_CLASSIFIER}`."
        )
    return DomainClassifier(MNIST_CLASSIFIER, resize=resize)


def resolve_extractor(spec, sample_shape, resize="bilinear"):
    """``auto`` (2-D points: identity; grayscale images: the MNIST classifier; RGB: Inception),
    ``identity``, ``mnist``, ``inception``, ``inception:PATH_OR_HANDLE`` or a ``.keras`` classifier file.
    ``resize="pad"`` (the data were padded) makes domain classifiers crop instead of resizing."""
    crop = "crop_or_pad" if resize == "pad" else "bilinear"
    if spec == "auto":
        if len(sample_shape) == 1:
            return IdentityExtractor()
        spec = "mnist" if sample_shape[-1] == 1 else "inception"
    if spec == "identity":
        return IdentityExtractor()
    if spec == "mnist":
        return mnist_classifier(crop)
    if spec == "inception" or spec.startswith("inception:"):
        return InceptionExtractor(*([spec.partition(":")[2]] if ":" in spec else []))
    if spec.endswith(".keras"):
        return DomainClassifier(spec, resize=crop)
    raise ValueError(f"unknown extractor {spec!r}: use auto, identity, mnist, inception, inception:PATH or a .keras classifier file.")
