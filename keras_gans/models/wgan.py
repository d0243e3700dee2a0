import keras
import tensorflow as tf

from keras_gans.checks import as_float
from keras_gans.models.gan import GAN


@keras.saving.register_keras_serializable(package="keras_gans")
class WGAN(GAN):
    """Wasserstein GAN with weight clipping (Arjovsky et al. 2017, Algorithm 1).

    After every critic update each critic weight is clipped to [-clip_value, clip_value]
    (c = 0.01 in the paper), a crude way to keep the critic K-Lipschitz. Use with the
    ``wasserstein`` loss, RMSprop (lr 5e-5) and ``d_steps=5``, as the paper does.

    Args:
        generator: G.
        discriminator: the critic.
        clip_value: every critic weight is clipped to [-clip_value, clip_value] after each critic update.
        d_steps: critic updates per generator update.
        **kwargs: the parameters of ``GAN``.

    Example:
        >>> gan = keras_gans.zoo.load("wgan")   # WGAN, RMSprop 5e-5, clip 0.01, 5 critic steps
    """

    def __init__(self, generator, discriminator, clip_value=0.01, d_steps=5, **kwargs):
        super().__init__(generator, discriminator, d_steps=d_steps, **kwargs)
        self.clip_value = as_float(clip_value, "model.clip_value", 0.0, low_open=True)

    def after_d_step(self):
        for v in self.discriminator.trainable_variables:
            v.assign(tf.clip_by_value(v, -self.clip_value, self.clip_value))

    def get_config(self):
        return {**super().get_config(), "clip_value": self.clip_value}
