"""Sample-quality metrics: FID, KID and IS through TF-GAN; precision/recall, MMD, sliced Wasserstein,
mode counting and perceptual path length; feature extractors and cached reference statistics."""

from keras_gans.metrics.class_accuracy import class_accuracy
from keras_gans.metrics.class_modes import class_modes, stacked_mnist_modes
from keras_gans.metrics.evaluation import Evaluation, metric_names
from keras_gans.metrics.extractors import (
    DomainClassifier,
    ExtractorUnavailable,
    FeatureExtractor,
    IdentityExtractor,
    InceptionExtractor,
    build_classifier,
)
from keras_gans.metrics.fid import fid_from_activations, fid_from_statistics
from keras_gans.metrics.inception_score import inception_score_from_logits
from keras_gans.metrics.intra_fid import intra_fid
from keras_gans.metrics.kid import kid_from_activations
from keras_gans.metrics.mixture_modes import gaussian_mixture_modes
from keras_gans.metrics.mmd import mmd
from keras_gans.metrics.path_length import perceptual_path_length
from keras_gans.metrics.precision_recall import precision_recall
from keras_gans.metrics.reference_statistics import ReferenceStatistics
from keras_gans.metrics.registry import METRICS, register_metric
from keras_gans.metrics.sliced_wasserstein import sliced_wasserstein
