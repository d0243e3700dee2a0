import keras
import tensorflow as tf
from keras_gans.checks import as_float


class EMACopy:
    """An exponential moving average of G's weights (Yazici et al. 2019, "The Unusual Effectiveness of
    Averaging in GAN Training", eq. 2: theta_EMA <- beta theta_EMA + (1 - beta) theta after every G
    update), kept in shadow variables of the GAN (saved and checkpointed with it; updated identically
    on every replica) and loaded into a copy of G that sampling, evaluation and export use.

    ``warmup`` (a ramp-up ratio r, e.g. 0.05; StyleGAN2-ADA's ``ema_rampup``, Karras et al. 2020b,
    App. B.1): the average's half-life is at most r * t steps at G step t, so early in training the
    average follows G closely and never drags the initial weights along; beta_t = 0.5 ** (1 / h_t),
    h_t = min(h, r * t), where h = ln 0.5 / ln decay is the half-life the decay gives."""

    def __init__(self, gan, generator, decay, warmup=None):
        self.generator = generator
        self.decay = as_float(decay, "model.ema_decay", 0.0, 1.0, low_open=True, high_open=True)
        self.warmup = None if warmup is None else as_float(warmup, "model.ema_warmup", 0.0, low_open=True)
        self.weights = []
        for w in generator.weights:
            shadow = gan.add_weight(shape=w.shape, initializer="zeros", trainable=False, dtype=w.dtype,
                                    name="ema_" + w.path.replace("/", "_"), aggregation="only_first_replica")
            shadow.assign(w)
            self.weights.append(shadow)
        self.copy = keras.models.clone_model(generator)

    def decay_at(self, step):
        """beta at G step ``step`` (a scalar tensor): ``decay``, or the warm-up's smaller value."""
        if self.warmup is None:
            return tf.constant(self.decay, tf.float32)
        import math

        half_life = math.log(0.5) / math.log(self.decay)
        h = tf.minimum(half_life, self.warmup * tf.maximum(tf.cast(step, tf.float32), 1.0))
        return tf.minimum(tf.pow(0.5, 1.0 / h), self.decay)

    def update(self, step=None):
        beta = self.decay_at(0 if step is None else step)
        for shadow, w in zip(self.weights, self.generator.weights):
            b = tf.cast(beta, shadow.dtype)
            shadow.assign(b * shadow + (1.0 - b) * tf.cast(w, shadow.dtype))

    def loaded(self):
        """The copy of G holding the current averages."""
        for target, shadow in zip(self.copy.weights, self.weights):
            target.assign(shadow)
        return self.copy
