"""Kernel Inception Distance (Binkowski et al. 2018, "Demystifying MMD GANs", sec. 4): the unbiased
squared MMD between feature sets under the cubic polynomial kernel k(x, y) = (x.y / d + 1)^3, computed
by TF-GAN (``kernel_classifier_distance_and_std_from_activations``) as the mean of block estimates,
with the standard error of that mean. Unbiased: near 0 (possibly negative) for equal distributions.
"""

import tensorflow as tf

from keras_gans.metrics.fid import _features
from keras_gans.metrics.tfgan import classifier_metrics


def kid_from_activations(real, fake, max_block_size=1000):
    """(KID, its standard error) between two [N, D] feature arrays. The samples are split into blocks of
    at most ``max_block_size``; with a single block the standard error is NaN."""
    real, fake = _features(real, "real"), _features(fake, "fake")
    cm = classifier_metrics()
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")  # TF-GAN calls tf.map_fn(back_prop=False), which logs a deprecation warning
    try:
        mean, std = cm.kernel_classifier_distance_and_std_from_activations(
            tf.constant(real), tf.constant(fake), max_block_size=max_block_size
        )
    finally:
        logger.setLevel(level)
    return float(mean), float(std)
