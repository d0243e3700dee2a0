"""Improved precision and recall of distributions (Kynkaanniemi et al. 2019, "Improved Precision and
Recall Metric for Assessing Generative Models", eq. 1-3).

Each feature set approximates its manifold by the union of hyperspheres centred at its samples with
radius the distance to their k-th nearest neighbour (k = 3). Precision is the fraction of generated
samples inside the real manifold (quality); recall the fraction of real samples inside the generated
manifold (coverage).
"""

import numpy as np
import tensorflow as tf

from keras_gans.metrics.distances import kth_neighbour_distance, pairwise_reduce
from keras_gans.metrics.fid import _features


def _fraction_inside(queries, support, radii):
    r2 = tf.constant(np.square(radii))
    inside = pairwise_reduce(queries, support, lambda d: tf.reduce_any(d <= r2[None, :], axis=1).numpy())
    return float(np.mean(inside))


def precision_recall(real, fake, k=3):
    """``{"precision": p, "recall": r}`` of fake features against real features, both [N, D]."""
    real, fake = _features(real, "real"), _features(fake, "fake")
    precision = _fraction_inside(fake, real, kth_neighbour_distance(real, k))
    recall = _fraction_inside(real, fake, kth_neighbour_distance(fake, k))
    return {"precision": precision, "recall": recall}
