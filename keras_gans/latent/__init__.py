"""What is done with a trained generator's latent space: walks between latents (``interpolation``) and the
latents of given images (``projection``, GAN inversion)."""

from keras_gans.latent.interpolation import interpolate, lerp, slerp
from keras_gans.latent.projection import Projector

__all__ = ["Projector", "interpolate", "lerp", "slerp"]
