"""Feature extractors for the sample-quality metrics."""

from keras_gans.metrics.extractors.base import ExtractorUnavailable, FeatureExtractor
from keras_gans.metrics.extractors.domain_classifier import DomainClassifier, build_classifier
from keras_gans.metrics.extractors.inception import InceptionExtractor
from keras_gans.metrics.extractors.identity import IdentityExtractor
from keras_gans.metrics.extractors.image_classifier import ImageClassifier
from keras_gans.metrics.extractors.packaged import MNIST_CLASSIFIER, mnist_classifier, resolve_extractor
