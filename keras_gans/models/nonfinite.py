"""The in-step half of the non-finite guard: one cheap flag per update, the same on every replica.

Each player's update computes ``code``: a bit for a non-finite loss and one for non-finite gradients
(their sum of squares is not finite: a NaN, an inf or an overflow), summed over the replicas, so every
replica takes the same decision. A flagged update applies zero gradients instead (the optimizer's slots
stay finite; the weights keep their values under SGD and coast on the momentum under Adam), and the code
reaches ``fit``'s logs as ``nonfinite``, where ``keras_gans.callbacks.NonFiniteGuard`` applies the policy
(stop, skip, rollback). The check costs one reduction and one select per gradient tensor.
"""

import keras
import tensorflow as tf

from keras_gans.distribute import cross_replica_sum

D_LOSS, D_GRADS, G_LOSS, G_GRADS = 1, 2, 4, 8
PARTS = {D_LOSS: "the discriminator loss", D_GRADS: "the discriminator gradients",
         G_LOSS: "the generator loss", G_GRADS: "the generator gradients"}


class NonFiniteError(RuntimeError):
    """Training produced a non-finite loss, gradient or weight and the guard stopped it (or an export or a
    checkpoint was refused because the weights are not finite). The message names the step, what went
    non-finite and the likely causes."""


def nonfinite_code(loss, grads, loss_bit, grads_bit):
    """int32 scalar: ``loss_bit`` if ``loss`` is not finite on some replica, plus ``grads_bit`` if some
    gradient is not finite there (0 when all is well)."""
    return _code_and_squares(loss, grads, loss_bit, grads_bit)[0]


def _code_and_squares(loss, grads, loss_bit, grads_bit):
    """(the code, the sum over replicas of each replica's squared gradient norm): one all-reduce for both."""
    squares = [tf.reduce_sum(tf.square(tf.cast(g, tf.float32))) for g in grads if g is not None]
    total = tf.add_n(squares) if squares else tf.constant(0.0)
    bad = tf.cast(tf.stack([tf.reduce_any(~tf.math.is_finite(tf.cast(loss, tf.float32))), ~tf.math.is_finite(total)]),
                  tf.float32)
    summed = cross_replica_sum(tf.concat([bad, tf.reshape(tf.where(tf.math.is_finite(total), total, 0.0), [1])], 0))
    bad = summed[:2] > 0
    return tf.cast(bad[0], tf.int32) * loss_bit + tf.cast(bad[1], tf.int32) * grads_bit, summed[2]


class NonFiniteFlags(keras.metrics.Metric):
    """The codes of the steps since the guard last looked, OR-ed: with ``steps_per_execution`` N, ``fit``
    sees the logs of every N-th step only, and a step flagged in between must still reach the guard.
    ``NonFiniteGuard`` reads it after each call of the training function and clears it
    (``reset_state``); ``fit`` also clears it at each epoch's start. The codes agree on every replica, so
    the first replica's value is kept."""

    def __init__(self, name="nonfinite", **kwargs):
        super().__init__(name=name, dtype="int32", **kwargs)
        self.code = self.add_variable(shape=(), initializer="zeros", dtype="int32", aggregation="only_first_replica",
                                      name="code")

    def update_state(self, code):
        self.code.assign(tf.bitwise.bitwise_or(self.code, tf.cast(code, tf.int32)))

    def result(self):
        return tf.identity(self.code)


def checked_gradients(optimizer, loss, grads, loss_bit, grads_bit):
    """``(code, gradients to apply, gradient norm)`` of one update: flagged gradients are dropped (zeros).
    The norm is the global L2 norm of the loss's gradient (unscaled under loss scaling; 0 for a flagged
    update); on N replicas the root of the sum of each replica's squared norm of its share of the
    gradient (exact on one replica; a training-health curve, not an input of the step). Under loss scaling
    (``mixed_float16``: a ``keras.optimizers.LossScaleOptimizer``, Micikevicius et al. 2018, sec. 3.2)
    non-finite gradients of a finite loss mean the scale overflowed float16: they go to the optimizer as
    non-finite on every replica (the decision is all-reduced), which skips the update and halves its scale,
    and the code does not report them (an overflow is routine there, not a failure)."""
    code, squares = _code_and_squares(loss, grads, loss_bit, grads_bit)
    norm = tf.where(tf.equal(code, 0), tf.sqrt(squares), 0.0)
    if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
        overflow = tf.equal(code, grads_bit)
        grads = [None if g is None else tf.where(overflow, tf.fill(tf.shape(g), tf.constant(float("nan"), g.dtype)), g)
                 for g in grads]
        code = tf.bitwise.bitwise_and(code, loss_bit)
        norm = norm / tf.cast(optimizer.dynamic_scale, tf.float32)  # 0 where the scale overflowed
    return code, drop_if_flagged(code, grads), norm


def drop_if_flagged(code, grads):
    """``grads``, or zeros in their place when ``code`` flags the update."""
    ok = tf.equal(code, 0)
    return [None if g is None else tf.where(ok, g, tf.zeros_like(g)) for g in grads]


def describe(code):
    """``code`` in words: "the discriminator loss and the discriminator gradients"."""
    parts = [text for bit, text in PARTS.items() if int(code) & bit]
    return (", ".join(parts[:-1]) + " and " + parts[-1]) if len(parts) > 1 else (parts[0] if parts else "nothing")


def nonfinite_variables(variables):
    """Paths of the float variables holding a NaN or an inf (checked eagerly; for checkpoints and export)."""
    bad = []
    for v in variables:
        if "float" in str(v.dtype) and not bool(tf.reduce_all(tf.math.is_finite(tf.convert_to_tensor(v)))):
            bad.append(getattr(v, "path", None) or v.name)
    return bad


def likely_causes(gan):
    """The usual checklist, filled in with this GAN's settings."""
    def rate(opt):
        try:
            return f"{float(opt.learning_rate):.3g}"
        except (TypeError, ValueError):
            return "a schedule"

    causes = [f"learning rates too high (D {rate(gan.d_optimizer)}, G {rate(gan.g_optimizer)}): try 10x lower, e.g. "
              "--set optimizers.d.learning_rate=... --set optimizers.g.learning_rate=..."]
    loss = getattr(gan.gan_loss, "name", "")
    penalties = {getattr(r, "name", "") for r in gan.d_regularizers if getattr(r, "weight", 1.0) > 0}
    if loss == "wasserstein" and not penalties & {"gradient_penalty", "r1", "r2", "dragan"} and not hasattr(gan, "clip_value"):
        causes.append("a Wasserstein critic with neither a gradient penalty nor weight clipping is unbounded: "
                      "--set regularizers.gradient_penalty.weight=10")
    causes.append("data outside [-1, 1] or holding NaN: load it with keras_gans.data.load, which checks it")
    if any(layer.dtype_policy.name.startswith("mixed") for net in (gan.generator, gan.discriminator) for layer in net.layers):
        causes.append("reduced precision overflowing: --set precision=float32")
    causes.append("--set model.on_nonfinite=rollback restores the last good checkpoint and halves the rates by itself")
    return causes
