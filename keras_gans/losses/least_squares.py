from keras_gans.losses.base import GANLoss, flat_logits
from keras_gans.losses.registry import register_loss


@register_loss("least_squares")
class LeastSquaresLoss(GANLoss):
    """Least-squares GAN (Mao et al. 2017, Eq. 2) with the a-b-c coding.

    D: 1/2 (D(x) - b)^2 + 1/2 (D(G(z)) - a)^2; G: 1/2 (D(G(z)) - c)^2. Defaults a=0, b=1, c=1
    (the 0-1 coding, Eq. 9); a=-1, b=1, c=0 satisfies b - c = 1, b - a = 2 (Eq. 8, Pearson chi^2).

    Args:
        a: the target of fake samples for D.
        b: the target of real samples for D.
        c: the value G wants D to give its samples.

    Returns:
        per-example losses, float32 ``[batch]`` (``discriminator_loss(real_logits, fake_logits)``, ``generator_loss(fake_logits, real_logits=None)``).

    Example:
        >>> loss = keras_gans.losses.get_loss({"name": "least_squares", "a": -1.0, "b": 1.0, "c": 0.0})
    """

    def __init__(self, a=0.0, b=1.0, c=1.0):
        self.a, self.b, self.c = float(a), float(b), float(c)
        self.decision_threshold = 0.5 * (self.a + self.b)

    def discriminator_loss(self, real_logits, fake_logits):
        r, f = flat_logits(real_logits), flat_logits(fake_logits)
        return 0.5 * (r - self.b) ** 2 + 0.5 * (f - self.a) ** 2

    def generator_loss(self, fake_logits, real_logits=None):
        return 0.5 * (flat_logits(fake_logits) - self.c) ** 2

    def get_config(self):
        return {"a": self.a, "b": self.b, "c": self.c}
