"""Blocked pairwise Euclidean distances, so 10k x 10k comparisons never hold a 10k x 10k matrix."""

import numpy as np
import tensorflow as tf


def _sq_norms(x):
    return tf.reduce_sum(tf.square(x), axis=1)


@tf.function(reduce_retracing=True)
def _block_sq_dist(a, b, b_sq):
    d = _sq_norms(a)[:, None] - 2.0 * tf.matmul(a, b, transpose_b=True) + b_sq[None, :]
    return tf.maximum(d, 0.0)


def pairwise_reduce(a, b, reduce_fn, block=2048):
    """Concatenation over row blocks of ``reduce_fn(squared distances [block, len(b)])`` (numpy)."""
    a = tf.constant(np.asarray(a, np.float64))
    b = tf.constant(np.asarray(b, np.float64))
    b_sq = _sq_norms(b)
    return np.concatenate([reduce_fn(_block_sq_dist(a[i : i + block], b, b_sq)) for i in range(0, int(a.shape[0]), block)])


def kth_neighbour_distance(x, k):
    """Distance of every row of x to its k-th nearest other row (the row itself excluded)."""
    if len(x) <= k:
        raise ValueError(f"need more than k={k} samples for k-nearest-neighbour radii, got {len(x)}.")
    # the k+1 smallest squared distances include the row itself at 0
    smallest = pairwise_reduce(x, x, lambda d: -tf.math.top_k(-d, k=k + 1).values.numpy())
    return np.sqrt(smallest[:, k])
