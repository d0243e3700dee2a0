import keras
import tensorflow as tf

from keras_gans.distribute import cross_replica_sum
from keras_gans.private_api import is_functional
from keras_gans.regularizers.generator_base import GeneratorRegularizer, register_generator_regularizer


def global_feature_mean(features):
    """Mean over the global batch (all replicas) of [batch, ...] features, flattened to [dim]."""
    flat = tf.reshape(tf.cast(features, tf.float32), [tf.shape(features)[0], -1])
    n = cross_replica_sum(tf.cast(tf.shape(flat)[0], tf.float32))
    return cross_replica_sum(tf.reduce_sum(flat, 0)) / n


@register_generator_regularizer("feature_matching")
class FeatureMatching(GeneratorRegularizer):
    """Feature matching (Salimans et al. 2016, "Improved Techniques for Training GANs", sec. 3.1):
    |E_x f(x) - E_z f(G(z))|_2^2, f the activations of an intermediate layer of D (``layer``: its name;
    by default the input of D's last layer), the means taken over the global batch. The paper replaces
    G's objective with it; here it is added to G's loss with ``weight`` (a large weight approaches the
    paper's objective). D must be a functional model.

    Args:
        weight: the term's weight (>= 0).
        layer: the name of D's layer whose output is matched (default: the input of D's last layer).

    Returns:
        G's per-example term, float32 ``[batch]``.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"g_regularizers.feature_matching.weight": 1.0})
    """

    conditional = False  # its feature model is cut from D

    def __init__(self, weight=1.0, layer=None):
        super().__init__(weight)
        self.layer = layer

    def build(self, gan):
        d = gan.discriminator
        if not is_functional(d):
            raise ValueError("feature_matching needs a functional discriminator (keras.Model(inputs, outputs)).")
        output = d.get_layer(self.layer).output if self.layer else d.layers[-1].input
        self._features = keras.Model(d.inputs, output, name="discriminator_features")

    def __call__(self, gan, real, z, fake, seed):
        real_mean = tf.stop_gradient(global_feature_mean(self._features(gan.transform_d_input(real), training=True)))
        fake_mean = global_feature_mean(self._features(gan.transform_d_input(fake), training=True))
        penalty = self.weight * tf.reduce_sum(tf.square(real_mean - fake_mean))
        return tf.fill([tf.shape(z)[0]], penalty)
