import keras
import tensorflow as tf

from keras_gans.distribute import num_replicas, replica_slice
from keras_gans.regularizers.base import Regularizer, register_regularizer


@register_regularizer("gradient_penalty")
class GradientPenalty(Regularizer):
    """The WGAN-GP two-sided gradient penalty (Gulrajani et al. 2017, Eq. 3 and Algorithm 1).

    lambda * (||grad_x D(x_hat)||_2 - 1)^2 with x_hat = eps * x + (1 - eps) * G(z), eps ~ U[0, 1]
    drawn once per sample. Default lambda = 10 (the paper's). ``target`` is the norm the gradient is
    pulled to (1 in the paper).
    """

    def __init__(self, weight=10.0, target=1.0, every=1):
        super().__init__(weight, every)
        self.target = float(target)

    def __call__(self, discriminator, real, fake, seed):
        batch = tf.shape(real)[0]
        eps_shape = tf.concat([[batch * num_replicas()], tf.ones([tf.rank(real) - 1], tf.int32)], 0)
        eps = replica_slice(keras.random.uniform(eps_shape, seed=seed), batch)
        real = tf.cast(real, tf.float32)
        x_hat = eps * real + (1.0 - eps) * tf.cast(fake, tf.float32)
        with tf.GradientTape() as tape:
            tape.watch(x_hat)
            logits = tf.cast(discriminator(x_hat, training=True), tf.float32)
        grads = tape.gradient(logits, x_hat)
        axes = tf.range(1, tf.rank(grads))
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=axes) + 1e-12)
        return self.weight * tf.square(norm - self.target)

    def get_config(self):
        return {**super().get_config(), "target": self.target}
