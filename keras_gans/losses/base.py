"""The seam every loss family implements: pure math on logits, no strategy, no tape."""

import tensorflow as tf


class GANLoss:
    """Base of the loss families.

    ``discriminator_loss(real_logits, fake_logits)`` and ``generator_loss(fake_logits, real_logits)``
    return *per-example* losses of shape [batch]; the model reduces them over the global batch.
    ``decision_threshold`` is the logit that separates "real" from "fake" for D's accuracy (None where
    D's output is no classifier, as for the Wasserstein critic). ``extra_metrics`` adds loss-specific
    per-example quantities to the logs.
    """

    name = None
    decision_threshold = 0.0

    def discriminator_loss(self, real_logits, fake_logits):
        raise NotImplementedError

    def generator_loss(self, fake_logits, real_logits=None):
        raise NotImplementedError

    def extra_metrics(self, real_logits, fake_logits):
        return {}

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def flat_logits(logits):
    """[batch, 1] or [batch] logits as float32 [batch] (losses are computed in float32)."""
    logits = tf.cast(logits, tf.float32)
    return tf.reshape(logits, [tf.shape(logits)[0]])


def register_loss(name):
    """Register a loss class under ``name`` and as a Keras-serializable object."""
    from keras_gans.losses.registry import LOSSES

    return LOSSES.register_class(name)
