"""Path length regularisation of style-based generators (StyleGAN2)."""

import math

import keras
import tensorflow as tf

from keras_gans.distribute import global_batch_mean, global_normal
from keras_gans.regularizers.gradient_norm import float16_scale
from keras_gans.regularizers.generator_base import GeneratorRegularizer, register_generator_regularizer


def path_lengths(synthesis, ws, y, scale=1.0):
    """Per sample, |J_w^T y| with J_w the Jacobian of ``synthesis`` at ``ws`` [N, L, w_dim] and ``y`` an
    image-shaped direction: sqrt of the mean over the L layers of the squared norm of d<G(ws), y>/dw. The
    backward pass runs at ``scale`` (float16 compute: ``gradient_norm.FLOAT16_SCALE``), divided back in float32."""
    with tf.GradientTape() as tape:
        tape.watch(ws)
        images = tf.cast(synthesis(ws), tf.float32)
        dot = tf.reduce_sum(images * y) * scale
    grads = tf.cast(tape.gradient(dot, ws), tf.float32) / scale
    # + 1e-8: a generator whose styles start at zero (the preset) has J_w = 0 at its start, and the derivative of
    # sqrt at 0 would turn the penalty's gradient into 0 * inf = NaN (under XLA it does)
    return tf.sqrt(tf.reduce_mean(tf.reduce_sum(tf.square(grads), axis=2), axis=1) + 1e-8)


@register_generator_regularizer("path_length")
class PathLengthRegularization(GeneratorRegularizer):
    """Path length regularisation (StyleGAN2, Karras et al. 2020, sec. 3.2, eq. 4):
    E_{w, y ~ N(0, I)} (|J_w^T y|_2 - a)^2, where J_w is the Jacobian of the synthesis network at w (one w per
    layer), y an image of N(0, 1) pixels scaled by 1 / sqrt(H W) (the reference code's normalisation) and a
    the running mean of the lengths (``decay`` 0.01 per evaluation, over the global batch). It makes a fixed
    step in w change the image by a fixed amount in every direction. ``weight`` 2 and lazy evaluation every
    ``every`` (4) G steps, multiplied by ``every`` (sec. 3.1), as in the paper. Needs a generator with
    ``mapping(z)``, ``synthesis(ws)`` and ``num_ws`` (the ``style`` network).

    Args:
        weight: the term's weight (>= 0).
        every: computed every ``every``-th G step, times ``every``.
        decay: the running mean's update rate per evaluation, in (0, 1].

    Returns:
        G's per-example term, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("stylegan", **{"g_regularizers.path_length.weight": 2.0})
    """

    def __init__(self, weight=2.0, every=4, decay=0.01):
        super().__init__(weight)
        self.every = self.whole(every, "every", 1)
        self.decay = self.number(decay, "decay", 0.0, 1.0, low_open=True)

    def build(self, gan):
        g = gan.generator
        if not all(hasattr(g, a) for a in ("mapping", "synthesis", "num_ws")):
            raise ValueError("path_length regularises a style-based generator (mapping, synthesis, num_ws: the 'style' "
                             f"network); this generator is {type(g).__name__}.")
        self.mean = keras.Variable(0.0, trainable=False, aggregation="only_first_replica", name="path_length_mean")

    def state(self):
        return [self.mean]

    def lengths(self, generator, z, seed):
        """|J_w^T y| per sample at w = mapping(z) (the same w for every layer); a conditional G (bound to the
        fakes' labels) maps z with its labels."""
        labels = getattr(generator, "labels", None)  # a conditional G comes bound to its fakes' labels
        w = generator.mapping(z) if labels is None else generator.map(z, labels)
        ws = tf.repeat(w[:, None], generator.num_ws, axis=1)
        size = generator.output_shape[1:]
        y = global_normal(tf.concat([tf.shape(z)[:1], size], 0), seed) / math.sqrt(size[0] * size[1])
        return path_lengths(lambda w: generator.synthesis(w, training=True), ws, y, float16_scale(generator))

    def __call__(self, gan, real, z, fake, seed):
        """(lengths - a)^2 per sample times weight (and ``every`` on the steps it runs), updating a. The
        lengths are computed under a ``tf.cond`` on lazy steps; the all-reduce of their mean stays outside
        it (a synchronisation point may not sit in a branch)."""
        on, lengths = self.lazily(gan.g_optimizer.iterations, lambda: self.lengths(gan.generator, z, seed), lambda: tf.shape(z)[0])
        batch_mean = global_batch_mean(tf.stop_gradient(lengths))
        mean = tf.where(on, self.mean + self.decay * (batch_mean - self.mean), self.mean)
        self.mean.assign(mean)
        scale = float(self.every) * self.weight
        return tf.where(on, scale * tf.square(lengths - mean), tf.zeros_like(lengths))
