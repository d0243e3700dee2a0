"""The diversity of a batch of samples: how far apart its members are, and how many classes they fill."""

import numpy as np


def mean_pairwise_distance(features):
    """The mean Euclidean distance between the distinct pairs of rows of ``features`` [N, D] (N >= 2): the
    average spread of a batch, which falls towards 0 as a generator collapses onto few outputs (the
    "diversity of a fixed batch" of the usual GAN checklist; a sample-based cousin of the mean pairwise
    distance that Srivastava et al. 2017, VEEGAN, and the LPIPS diversity of Zhu et al. 2017 average)."""
    x = np.asarray(features, np.float64).reshape(len(features), -1)
    if len(x) < 2:
        raise ValueError(f"the mean pairwise distance needs at least 2 samples, got {len(x)}.")
    squared = np.sum(x * x, axis=1)
    d2 = np.maximum(squared[:, None] - 2.0 * x @ x.T + squared[None, :], 0.0)
    upper = np.triu_indices(len(x), k=1)
    return float(np.mean(np.sqrt(d2[upper])))


def class_spread(logits):
    """``(classes covered, share of the most frequent class)`` of a batch classified by ``logits`` [N, K]: a
    collapsed generator fills few classes and one of them with most of its samples."""
    predicted = np.argmax(np.asarray(logits), axis=1)
    counts = np.bincount(predicted)
    return int(np.count_nonzero(counts)), float(counts.max() / len(predicted))
