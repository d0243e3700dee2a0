import keras
import tensorflow as tf

from keras_gans.checks import ConfigError, as_int
from keras_gans.distribute import cross_replica_sum, global_mean
from keras_gans.private_api import adam_moments


class UnrolledDiscriminator:
    """Unrolled GAN (Metz et al. 2017, "Unrolled Generative Adversarial Networks", ICLR, sec. 2.2, eq. 7): G's
    loss is taken against D as it would be after ``steps`` more updates of its own optimizer on the current
    batch, theta_D^{k+1} = theta_D^k - eta * grad L_D(theta_D^k) (eq. 5), each update differentiable, so G's
    gradient sees how D would respond to it and is pulled away from the modes D would next punish. D itself moves
    one ordinary step per step.

    The unrolled updates are those of D's optimizer: SGD exactly (a plain SGD, no momentum), Adam as Metz et al.
    unroll it (its current first and second moments, bias correction at its coming steps, updated along with
    the weights). Each unrolled update takes D's adversarial loss on the step's real batch and G(z) (what D sees
    of them, its input transforms applied once), gradients summed over the replicas; D's regularisers and
    gradient clipping are left out of the lookahead. Cost: ``steps`` extra forward and backward passes of D per
    G update, and G's backward pass through them (second order).

    Args:
        gan: the GAN (compiled: its D optimizer and loss).
        steps: the unrolled D updates (k; 5 to 10 in the paper).

    Example:
        >>> gan = keras_gans.zoo.load("gaussian_ring", **{"model.unroll_steps": 5})
    """

    def __init__(self, gan, steps):
        self.gan, self.steps = gan, as_int(steps, "model.unroll_steps", 1)
        optimizer = gan.d_optimizer
        if gan.d_takes_labels or gan.auxiliary is not None:
            raise ConfigError("model.unroll_steps unrolls an unconditional D: not with a projection D or ACGAN's head.")
        if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
            raise ConfigError("model.unroll_steps is not available under mixed_float16 (a loss-scaled D optimizer); "
                              "use precision=float32 or mixed_bfloat16.")
        if isinstance(optimizer, keras.optimizers.Adam) and not getattr(optimizer, "amsgrad", False):
            self.kind = "adam"
        elif type(optimizer) is keras.optimizers.SGD and not optimizer.momentum:
            self.kind = "sgd"
        else:
            raise ConfigError(f"model.unroll_steps unrolls D's optimizer exactly for SGD without momentum and for Adam; "
                              f"D's optimizer is {type(optimizer).__name__}.")

    def lookahead(self, real, fake):
        """(D's logits on ``real``, on ``fake``) under D's weights after ``steps`` unrolled updates, differentiable
        with respect to ``fake`` (and so G) through every update."""
        gan, d = self.gan, self.gan.discriminator
        theta = [tf.convert_to_tensor(v) for v in d.trainable_variables]
        fixed = [tf.convert_to_tensor(v) for v in d.non_trainable_variables]
        optimizer = gan.d_optimizer
        lr = tf.cast(optimizer.learning_rate, tf.float32)
        if self.kind == "adam":
            m, v = (list(map(tf.convert_to_tensor, s)) for s in adam_moments(optimizer, d.trainable_variables))
        for i in range(self.steps):
            with tf.GradientTape() as tape:
                tape.watch(theta)
                r, f = self._logits(theta, fixed, real, fake)
                loss = global_mean(gan.gan_loss.discriminator_loss(r, f))
            grads = [cross_replica_sum(tf.cast(g, tf.float32)) for g in tape.gradient(loss, theta)]
            if self.kind == "sgd":
                theta = [w - tf.cast(lr, w.dtype) * tf.cast(g, w.dtype) for w, g in zip(theta, grads)]
                continue
            t = tf.cast(optimizer.iterations + 1 + i, tf.float32)
            b1, b2 = float(optimizer.beta_1), float(optimizer.beta_2)
            alpha = lr * tf.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t)
            m = [mi + (g - mi) * (1.0 - b1) for mi, g in zip(m, grads)]
            v = [vi + (g * g - vi) * (1.0 - b2) for vi, g in zip(v, grads)]
            # sqrt at 0 (a weight without gradient yet) has no finite derivative: its argument is floored at 1e-30
            theta = [w - tf.cast(alpha * mi / (tf.sqrt(tf.maximum(vi, 1e-30)) + optimizer.epsilon), w.dtype)
                     for w, mi, vi in zip(theta, m, v)]
        return self._logits(theta, fixed, real, fake)

    def _logits(self, theta, fixed, real, fake):
        d = self.gan.discriminator
        r, _ = d.stateless_call(theta, fixed, real, training=True)
        f, _ = d.stateless_call(theta, fixed, tf.cast(fake, real.dtype), training=True)
        return tf.cast(r, tf.float32), tf.cast(f, tf.float32)
