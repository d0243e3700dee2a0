import tensorflow as tf

from keras_gans.losses.base import GANLoss, LabelSmoothing, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("non_saturating")
class NonSaturatingLoss(LabelSmoothing, GANLoss):
    """The non-saturating GAN loss (Goodfellow et al. 2014, Sec. 3; the DCGAN default).

    D: softplus(-r) + softplus(f) (binary cross-entropy); G maximises log D(G(z)), i.e. minimises
    softplus(-f), whose gradient is large exactly where D rejects the fakes. ``real_label`` /
    ``fake_label``: label smoothing of D's targets (``LabelSmoothing``; one-sided: real_label=0.9).

    Args:
        real_label: D's target for real samples (0.9: one-sided label smoothing, Salimans et al. 2016).
        fake_label: D's target for fake samples (above 0: two-sided, which the paper advises against).

    Returns:
        per-example losses, float32 ``[batch]``; G's is -log D(G(z)).

    Example:
        >>> loss = keras_gans.losses.get_loss({"name": "non_saturating", "real_label": 0.9})
    """

    def discriminator_loss(self, real_logits, fake_logits):
        return self.smoothed_discriminator_loss(real_logits, fake_logits)

    def generator_loss(self, fake_logits, real_logits=None):
        return tf.nn.softplus(-flat_logits(fake_logits))
