"""The seam every loss family implements: pure math on logits, no strategy, no tape."""

import tensorflow as tf


class GANLoss:
    """Base of the loss families.

    ``discriminator_loss(real_logits, fake_logits)`` and ``generator_loss(fake_logits, real_logits)``
    return *per-example* losses of shape [batch]; the model reduces them over the global batch.
    ``decision_threshold`` is the logit that separates "real" from "fake" for D's accuracy (None where
    D's output is no classifier, as for the Wasserstein critic). ``extra_metrics`` adds loss-specific
    per-example quantities to the logs. ``needs_real_logits``: G's loss also takes D's logits of the
    real batch (the relativistic losses), which the model then computes in G's update.

    Returns:
        per-example losses, float32 ``[batch]`` (``discriminator_loss(real_logits, fake_logits)``, ``generator_loss(fake_logits, real_logits=None)``).

    Example:
        >>> @register_loss("my_loss")
        ... class MyLoss(GANLoss):
        ...     def discriminator_loss(self, real_logits, fake_logits): ...
        ...     def generator_loss(self, fake_logits, real_logits=None): ...
    """

    name = None
    decision_threshold = 0.0
    needs_real_logits = False

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


def cross_entropy(logits, target):
    """Binary cross-entropy of a logit against a (possibly smoothed) target t in [0, 1]:
    t * softplus(-l) + (1 - t) * softplus(l) = -t log sigmoid(l) - (1 - t) log(1 - sigmoid(l))."""
    return target * tf.nn.softplus(-logits) + (1.0 - target) * tf.nn.softplus(logits)


class LabelSmoothing:
    """D's targets for the cross-entropy losses. One-sided label smoothing (Salimans et al. 2016,
    "Improved Techniques for Training GANs", sec. 3.4) lowers the real target to e.g. 0.9 and keeps the
    fake target at 0, which caps D's confidence without moving the optimal D where the data density is
    0; two-sided smoothing also raises the fake target (e.g. 0.1), which the paper advises against."""

    def __init__(self, real_label=1.0, fake_label=0.0, **kwargs):
        super().__init__(**kwargs)
        self.real_label, self.fake_label = float(real_label), float(fake_label)
        if not 0.0 <= self.fake_label < self.real_label <= 1.0:
            raise ValueError(f"need 0 <= fake_label < real_label <= 1, got {fake_label} and {real_label}.")

    def smoothed_discriminator_loss(self, real_logits, fake_logits):
        return cross_entropy(flat_logits(real_logits), self.real_label) + cross_entropy(flat_logits(fake_logits), self.fake_label)

    def get_config(self):
        return {"real_label": self.real_label, "fake_label": self.fake_label}
