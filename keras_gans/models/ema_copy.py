import keras
import tensorflow as tf


class EMACopy:
    """An exponential moving average of G's weights (Yazici et al. 2019, "The Unusual Effectiveness of
    Averaging in GAN Training", eq. 2: theta_EMA <- beta theta_EMA + (1 - beta) theta after every G
    update), kept in shadow variables of the GAN (saved and checkpointed with it; updated identically
    on every replica) and loaded into a copy of G that sampling, evaluation and export use."""

    def __init__(self, gan, generator, decay):
        if not 0.0 < decay < 1.0:
            raise ValueError(f"ema_decay must be in (0, 1), e.g. 0.999; got {decay}.")
        self.generator, self.decay = generator, float(decay)
        self.weights = []
        for w in generator.weights:
            shadow = gan.add_weight(shape=w.shape, initializer="zeros", trainable=False, dtype=w.dtype,
                                    name="ema_" + w.path.replace("/", "_"), aggregation="only_first_replica")
            shadow.assign(w)
            self.weights.append(shadow)
        self.copy = keras.models.clone_model(generator)

    def update(self):
        for shadow, w in zip(self.weights, self.generator.weights):
            shadow.assign(self.decay * shadow + (1.0 - self.decay) * tf.cast(w, shadow.dtype))

    def loaded(self):
        """The copy of G holding the current averages."""
        for target, shadow in zip(self.copy.weights, self.weights):
            target.assign(shadow)
        return self.copy
