"""Shared by the penalties on the norm of D's input gradient."""

import tensorflow as tf

# Under float16 compute (``precision="mixed_float16"``) the input gradient's backward pass runs at this fixed
# scale and is divided back in float32: per-pixel gradients of 1e-4 and below would otherwise fall under
# float16's normal range (6e-5) and flush the penalty towards 0 (the loss-scaling argument of Micikevicius
# et al. 2018, sec. 3.2, applied to the first backward pass of a penalty).
FLOAT16_SCALE = 256.0


def float16_scale(model):
    """``FLOAT16_SCALE`` if ``model`` computes in float16, else 1 (known when the step is traced)."""
    layers = getattr(model, "layers", ())
    return FLOAT16_SCALE if any(layer.dtype_policy.compute_dtype == "float16" for layer in layers) else 1.0


def input_gradient_sq_norm(discriminator, x):
    """||grad_x D(x)||^2 per example (float32), with D in training mode. A packing D (PacGAN: one logit per m
    samples) gives one value per pack: the squared norm of the gradient with respect to the whole packed input,
    the sum over its m samples."""
    x = tf.cast(x, tf.float32)
    scale = float16_scale(discriminator)
    with tf.GradientTape() as tape:
        tape.watch(x)
        logits = tf.cast(discriminator(x, training=True), tf.float32) * scale
    grads = tf.cast(tape.gradient(logits, x), tf.float32) / scale  # of the sum over the batch: each logit depends on its own example only
    per_sample = tf.reduce_sum(tf.square(grads), axis=tf.range(1, tf.rank(grads)))
    if logits.shape[0] is not None and x.shape[0] is not None and logits.shape[0] == x.shape[0]:
        return per_sample
    return tf.reduce_sum(tf.reshape(per_sample, [tf.shape(logits)[0], -1]), axis=1)  # [N / m]: one per pack
