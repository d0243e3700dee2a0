"""The two objectives of the GAN's step: what D and G minimise on one batch, with the regularisers and the
logs. Labels (a conditional GAN) condition every call of D: the real batch's own labels, the fakes' drawn
labels; ``None`` for an unconditional GAN."""

import tensorflow as tf

from keras_gans.distribute import cross_replica_sum
from keras_gans.models.conditioning import bound
from keras_gans.models.training_data import batch_size_of as _batch_size, couples_samples as _couples_samples


# what every step logs for the training-health curves (keras_gans.callbacks.TrainingLog): D's logits on real
# and fake samples (their mean, and their spread within a batch) and the gradient norm of each player
HEALTH_LOGS = ("real_logit", "fake_logit", "real_logit_std", "fake_logit_std", "d_grad_norm", "g_grad_norm")


def batch_spreads(*batches):
    """The standard deviation of each per-example batch over the *global* batch (one all-reduce of their sums
    and sums of squares), so that 1 and N replicas log the same spread."""
    sums = cross_replica_sum(tf.stack([t for x in batches for t in (tf.reduce_sum(x), tf.reduce_sum(tf.square(x)),
                                                                       tf.cast(tf.size(x), tf.float32))]))
    spreads = []
    for i in range(len(batches)):
        mean, square = sums[3 * i] / sums[3 * i + 2], sums[3 * i + 1] / sums[3 * i + 2]
        spreads.append(tf.sqrt(tf.maximum(square - tf.square(mean), 0.0)))
    return spreads


class Objectives:
    """Mixed into ``GAN``: ``transform_d_input``, ``discriminate``, ``discriminator_objective`` and
    ``generator_objective``."""

    def transform_d_input(self, x):
        """What D sees of a batch: ``x`` through the compiled ``d_input_transforms`` (instance noise,
        augmentation), in D's and in G's updates alike."""
        for transform in getattr(self, "d_input_transforms", ()):
            x = transform(x, self.d_optimizer.iterations, self.seed_generator)
        return x

    def discriminator_objective(self, real, fake, real_labels=None, fake_labels=None):
        """Per-example D loss plus weighted regularisers, and the logs they produce. A regulariser calls D
        conditioned on the labels of the batch it judges (``judges``: R2 the fakes', the others the reals')."""
        real, fake = self.transform_d_input(real), self.transform_d_input(fake)
        real_logits, fake_logits, real_classes, fake_classes = self.discriminate(real, fake, real_labels, fake_labels,
                                                                                 with_classes=True)
        for transform in self.d_input_transforms:
            transform.observe(real_logits)  # adaptive augmentation tunes its strength from D's outputs
        per_example = self.gan_loss.discriminator_loss(real_logits, fake_logits)
        logs = {"d_loss": per_example}
        if self.auxiliary is not None:  # ACGAN: D classifies the real batch; MGAN: which generator made each fake
            judged = (real_classes, real_labels) if self.auxiliary.judges == "real" else (fake_classes, fake_labels)
            logs["d_class_loss"] = self.auxiliary.loss(*judged)
            per_example = per_example + logs["d_class_loss"]
        for reg in self.d_regularizers:
            critic = self.critic(fake_labels if reg.judges == "fake" else real_labels)
            penalty = reg.apply(critic, real, fake, self.seed_generator, self.d_optimizer.iterations)
            logs[reg.name] = penalty
            per_example = per_example + penalty
        logs.update(self.gan_loss.extra_metrics(real_logits, fake_logits))
        r = tf.reshape(tf.cast(real_logits, tf.float32), [-1])
        f = tf.reshape(tf.cast(fake_logits, tf.float32), [-1])
        if self.health_logs:  # the training-health curves (off: model.health_logs=false, or train --log-every 0)
            logs.update(real_logit=r, fake_logit=f, **dict(zip(("real_logit_std", "fake_logit_std"), batch_spreads(r, f))))
        threshold = self.gan_loss.decision_threshold
        if threshold is not None:
            logs["real_accuracy"] = tf.cast(r > threshold, tf.float32)
            logs["fake_accuracy"] = tf.cast(f < threshold, tf.float32)
            if self.health_logs:
                logs["r_t"] = tf.sign(r - threshold)  # the overfitting heuristic of Karras et al. 2020a, eq. 1
        return per_example, logs

    def critic(self, labels=None):
        """D as the step calls it: bound to ``labels`` when D takes them (a projection D), else D itself (an
        unconditional GAN, or ACGAN's unconditional D)."""
        return bound(self.discriminator, labels if self.d_takes_labels else None)

    def judge(self, x, labels=None):
        """(D's logits, the auxiliary classifier's class logits or None) of ``x`` with its ``labels``."""
        if self.auxiliary is not None:
            return self.auxiliary(x)
        return self.critic(labels)(x, training=True), None

    def discriminate(self, real, fake, real_labels=None, fake_labels=None, with_classes=False):
        """D's logits on both batches (``with_classes``: and the class logits of ACGAN's head, or None): one call
        on the joined batch when D treats samples independently (no batch normalisation), two calls otherwise
        (batch statistics of real and fake kept apart, the DCGAN convention)."""
        if _couples_samples(self.discriminator):
            (r, rc), (f, fc) = self.judge(real, real_labels), self.judge(fake, fake_labels)
        else:
            labels = None if real_labels is None else tf.concat([real_labels, fake_labels], 0)
            logits, classes = self.judge(tf.concat([real, tf.cast(fake, real.dtype)], 0), labels)
            b = _batch_size(real)
            r, f = logits[:b], logits[b:]
            rc, fc = (None, None) if classes is None else (classes[:b], classes[b:])
        return (r, f, rc, fc) if with_classes else (r, f)

    def generator_objective(self, real, z, fake, real_labels=None, fake_labels=None):
        """Per-example G loss (``fake = G(z, fake_labels)``) plus weighted generator regularisers, and their
        logs; a regulariser of a conditional GAN sees G and D bound to the fakes' labels."""
        if getattr(self, "unrolled", None) is not None:  # unrolled GAN: D's logits k updates ahead
            real_logits, fake_logits = self.unrolled.lookahead(self.transform_d_input(real), self.transform_d_input(fake))
            fake_classes = None
            per_example = (self.gan_loss.generator_loss(fake_logits, tf.stop_gradient(real_logits))
                           if self.gan_loss.needs_real_logits else self.gan_loss.generator_loss(fake_logits))
        elif self.gan_loss.needs_real_logits:  # a relativistic loss: D's judgement of a real batch too
            real_logits, fake_logits, _, fake_classes = self.discriminate(
                self.transform_d_input(real), self.transform_d_input(fake), real_labels, fake_labels, with_classes=True)
            per_example = self.gan_loss.generator_loss(fake_logits, tf.stop_gradient(real_logits))
        else:
            fake_logits, fake_classes = self.judge(self.transform_d_input(fake), fake_labels)
            per_example = self.gan_loss.generator_loss(fake_logits)
        logs = {"g_loss": per_example}
        if self.auxiliary is not None:  # ACGAN: G makes fakes that D's head assigns to their drawn classes
            logs["g_class_loss"] = self.auxiliary.loss(fake_classes, fake_labels)
            per_example = per_example + logs["g_class_loss"]
        view = self if fake_labels is None else LabelledView(self, fake_labels)
        for reg in self.g_regularizers:
            penalty = reg(view, real, z, fake, self.seed_generator)
            logs["g_" + reg.name] = penalty
            per_example = per_example + penalty
        return per_example, logs


class LabelledView:
    """The GAN as a generator regulariser of a conditional GAN sees it: ``generator`` and ``discriminator``
    bound to the fakes' labels, everything else the GAN's own."""

    def __init__(self, gan, labels):
        self._gan, self._labels = gan, labels

    @property
    def generator(self):
        return bound(self._gan.generator, self._labels)

    @property
    def discriminator(self):
        return bound(self._gan.discriminator, self._labels)

    def __getattr__(self, name):
        return getattr(self._gan, name)
