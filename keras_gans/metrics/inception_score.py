"""Inception Score (Salimans et al. 2016, "Improved Techniques for Training GANs", sec. 4):
IS = exp(E_x KL(p(y|x) || p(y))), computed by TF-GAN (``classifier_score_from_logits``, float64).
It ranges from 1 (every sample classified alike, or every prediction uniform) to the number of classes.
"""

import numpy as np
import tensorflow as tf

from keras_gans.metrics.tfgan import classifier_metrics


def inception_score_from_logits(logits):
    """The classifier score of [N, classes] logits (Inception's, or a domain classifier's)."""
    logits = np.asarray(logits, np.float64)
    if logits.ndim != 2:
        raise ValueError(f"logits must be [N, classes], got shape {logits.shape}.")
    return float(classifier_metrics().classifier_score_from_logits(tf.constant(logits)))
