"""GAN models: one generic train_step (``GAN``) and variants that override a hook."""

from keras_gans.registry import Registry
from keras_gans.models.gan import GAN
from keras_gans.models.jacobian_truncation import JacobianTruncation
from keras_gans.models.wgan import WGAN
from keras_gans.models.nonfinite import NonFiniteError
from keras_gans.models.progressive import ProgressiveGAN
from keras_gans.models.replay_buffer import ReplayBuffer

MODELS = Registry("model")
MODELS.register("gan", GAN)
MODELS.register("wgan", WGAN)
MODELS.register("progressive_gan", ProgressiveGAN)
