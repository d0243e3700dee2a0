import keras
import tensorflow as tf

from keras_gans.component import Component
from keras_gans.distribute import global_gather, global_uniform
from keras_gans.registry import call_checked


@keras.saving.register_keras_serializable(package="keras_gans")
class ReplayBuffer(Component):
    """A replay buffer of past fakes (Shrivastava et al. 2017, "Learning from Simulated and Unsupervised
    Images through Adversarial Training", sec. 2.3): in each D update a ``fraction`` of the fake batch is
    replaced by fakes of earlier generators drawn from a buffer of ``size``, so D keeps rejecting modes G
    has left and G cannot cycle back to them; then the current fakes enter the buffer (filling it in
    order, then at random positions). Before anything is stored, D sees the current fakes only.

    The buffer is one variable of the global batch's samples, updated identically on every replica from
    the gathered global fake batch; the draws are global, so 1 and N replicas agree. In a conditional GAN the
    buffer keeps each stored fake's label too, and a replaced fake comes with its own label.

    Args:
        size: how many past fakes the buffer holds.
        fraction: the share of each fake batch replaced by stored fakes, in [0, 1].

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", replay_buffer={"size": 4096, "fraction": 0.5})
    """

    section = "replay_buffer"

    def __init__(self, size=4096, fraction=0.5):
        self.size = self.whole(size, "size", 1)
        self.fraction = self.number(fraction, "fraction", 0.0, 1.0)

    def build(self, gan):
        shape = (self.size,) + tuple(gan.generator.output_shape[1:])
        self.samples = keras.Variable(tf.zeros(shape), trainable=False, aggregation="only_first_replica", name="replay_samples")
        self.count = keras.Variable(0, dtype="int32", trainable=False, aggregation="only_first_replica", name="replay_count")
        self.labels = None
        if getattr(gan, "conditional", False):
            self.labels = keras.Variable(tf.zeros([self.size], tf.int32), trainable=False, aggregation="only_first_replica",
                                         name="replay_labels")

    def state(self):
        return [self.samples, self.count] + ([] if self.labels is None else [self.labels])

    def __call__(self, fake, seed, labels=None):
        """This replica's fakes for D: each sample replaced, with probability ``fraction``, by a stored one;
        with ``labels`` (a conditional GAN), ``(fakes, their labels)``."""
        local = tf.shape(fake)[0]
        stored = tf.minimum(self.count, self.size)
        u = global_uniform([local, 2], seed)  # [which samples are replaced, which stored sample replaces them]
        take = tf.logical_and(u[:, 0] < self.fraction, stored > 0)
        index = tf.minimum(tf.cast(u[:, 1] * tf.cast(stored, tf.float32), tf.int32), tf.maximum(stored - 1, 0))
        past = tf.cast(tf.gather(self.samples, index), fake.dtype)
        mask = tf.reshape(take, [-1] + [1] * (len(fake.shape) - 1))
        mixed = tf.where(mask, past, fake)
        if labels is None:
            self.push(tf.cast(global_gather(fake), tf.float32), seed)
            return mixed
        mixed_labels = tf.where(take, tf.gather(self.labels, index), tf.cast(labels, tf.int32))
        self.push(tf.cast(global_gather(fake), tf.float32), seed, global_gather(tf.cast(labels, tf.int32)))
        return mixed, mixed_labels

    def push(self, batch, seed, labels=None):
        """Store the global fake batch (and its labels): at the next free rows, then over random rows once full."""
        n = tf.shape(batch)[0]
        in_order = tf.math.floormod(self.count + tf.range(n), self.size)
        random_rows = tf.cast(keras.random.uniform([n], 0, self.size, seed=seed), tf.int32)
        full = self.count + n > self.size
        rows = tf.where(full, tf.minimum(random_rows, self.size - 1), in_order)
        self.samples.assign(tf.tensor_scatter_nd_update(self.samples, rows[:, None], batch))
        if labels is not None:
            self.labels.assign(tf.tensor_scatter_nd_update(self.labels, rows[:, None], labels))
        self.count.assign(self.count + n)



def get_replay_buffer(identifier):
    """A ``ReplayBuffer`` from ``{"size": ..., "fraction": ...}`` (parameters checked) or an instance."""
    return identifier if isinstance(identifier, ReplayBuffer) else call_checked(ReplayBuffer, "replay_buffer", dict(identifier))
