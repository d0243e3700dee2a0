"""Frechet Inception Distance (Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update Rule
Converge to a Local Nash Equilibrium", eq. 6):

    FID = |mu_r - mu_g|^2 + Tr(S_r + S_g - 2 (S_r S_g)^(1/2))

computed by TF-GAN (``frechet_classifier_distance_from_activations``; unbiased covariances, float64).
FID is biased for finite samples: compare models only at the same sample size.
"""

import numpy as np
import tensorflow as tf

from keras_gans.metrics.tfgan import classifier_metrics


def _features(x, name):
    x = np.asarray(x, np.float64)
    if x.ndim != 2 or len(x) < 2:
        raise ValueError(f"{name} must be a [N, D] array of features with N >= 2, got shape {x.shape}.")
    return x


def fid_from_activations(real, fake):
    """FID between two [N, D] feature arrays, by TF-GAN."""
    real, fake = _features(real, "real"), _features(fake, "fake")
    if real.shape[1] != fake.shape[1]:
        raise ValueError(f"real and fake features differ in width: {real.shape[1]} vs {fake.shape[1]}.")
    cm = classifier_metrics()
    return float(cm.frechet_classifier_distance_from_activations(tf.constant(real), tf.constant(fake)))


def fid_from_statistics(mean_real, cov_real, mean_fake, cov_fake):
    """FID from means and (unbiased) covariances, e.g. cached reference statistics; TF-GAN's
    ``trace_sqrt_product`` computes Tr((S_r S_g)^(1/2))."""
    cm = classifier_metrics()
    mr, mf = tf.constant(mean_real, tf.float64), tf.constant(mean_fake, tf.float64)
    sr, sf = tf.constant(cov_real, tf.float64), tf.constant(cov_fake, tf.float64)
    trace = tf.linalg.trace(sr + sf) - 2.0 * cm.trace_sqrt_product(sr, sf)
    return float(tf.reduce_sum(tf.square(mr - mf)) + trace)
