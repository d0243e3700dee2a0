"""The average of a network's past weights, the state of historical averaging."""

import keras
import tensorflow as tf


class WeightHistory:
    """theta_bar = (1/t) sum_{i<=t} theta[i] over the weights a network had at the t past evaluations
    (before any, theta_bar is the initial weights, so the first penalty is 0); replicas update it
    identically (``only_first_replica``)."""

    def __init__(self, variables):
        self.variables = list(variables)
        self.means = [keras.Variable(v.numpy(), trainable=False, dtype=v.dtype, aggregation="only_first_replica",
                                     name="historical_mean") for v in self.variables]
        self.count = keras.Variable(0.0, trainable=False, aggregation="only_first_replica", name="historical_count")

    def penalty(self):
        """|theta - theta_bar|^2 (theta_bar held fixed), then the current weights join the average."""
        total = tf.add_n([tf.reduce_sum(tf.square(tf.cast(v, tf.float32) - tf.stop_gradient(tf.cast(m, tf.float32))))
                          for v, m in zip(self.variables, self.means)])
        t = self.count + 1.0
        for v, m in zip(self.variables, self.means):
            m.assign(m + (tf.cast(tf.stop_gradient(v), m.dtype) - m) / tf.cast(t, m.dtype))
        self.count.assign(t)
        return total

    def state(self):
        return self.means + [self.count]
