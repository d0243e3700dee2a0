import keras
import tensorflow as tf

from keras_gans.component import Component
from keras_gans.distribute import cross_replica_sum


class AccuracyBalance(Component):
    """D/G step balancing from D's accuracy (the heuristic discussed in Goodfellow's NIPS 2016 tutorial,
    "Can one balance G and D?", and collected in the ganhacks list): with a the
    accuracy of D on the real and fake batch of the current D update (global batch, before the update),
    D's update is skipped while a > ``d_max_accuracy`` (D wins: let G catch up) and G's update is skipped
    while a < ``g_min_accuracy`` (D is lost: give it more steps). A skipped update leaves the weights
    unchanged (the optimizer's moment estimates still see the gradient). Needs a loss with a decision
    threshold (minimax, non-saturating, least squares, hinge).

    Args:
        d_max_accuracy: D's update is skipped above this accuracy.
        g_min_accuracy: G's update is skipped below it (<= ``d_max_accuracy``).

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"model.balance": {"d_max_accuracy": 0.8}})
    """

    section = "model.balance"

    def __init__(self, d_max_accuracy=0.9, g_min_accuracy=0.0):
        self.d_max_accuracy = self.number(d_max_accuracy, "d_max_accuracy", 0.0, 1.0)
        self.g_min_accuracy = self.number(g_min_accuracy, "g_min_accuracy", 0.0, self.d_max_accuracy)

    def build(self, gan):
        if gan.gan_loss.decision_threshold is None:
            raise ValueError(f"balance needs D's accuracy; the loss {gan.gan_loss.name!r} has no decision threshold.")
        self.accuracy = keras.Variable(0.5, trainable=False, aggregation="only_first_replica", name="d_accuracy")

    def state(self):
        return [self.accuracy]

    def d_gate(self, logs):
        """1.0 to apply D's update, 0.0 to skip it; records the accuracy for G's gate."""
        correct = tf.concat([logs["real_accuracy"], logs["fake_accuracy"]], 0)
        total = cross_replica_sum(tf.reduce_sum(correct))
        n = cross_replica_sum(tf.cast(tf.size(correct), tf.float32))
        accuracy = total / n
        self.accuracy.assign(accuracy)
        return tf.cast(accuracy <= self.d_max_accuracy, tf.float32)

    def g_gate(self):
        return tf.cast(self.accuracy >= self.g_min_accuracy, tf.float32)
