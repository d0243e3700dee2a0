"""Shared by the penalties on the norm of D's input gradient."""

import tensorflow as tf


def input_gradient_sq_norm(discriminator, x):
    """||grad_x D(x)||^2 per example (float32), with D in training mode."""
    x = tf.cast(x, tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        logits = tf.cast(discriminator(x, training=True), tf.float32)
    grads = tape.gradient(logits, x)  # of the sum over the batch: each logit depends on its own example only
    return tf.reduce_sum(tf.square(grads), axis=tf.range(1, tf.rank(grads)))
