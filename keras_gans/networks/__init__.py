"""Generator and discriminator builders, registered by name; each returns a functional keras.Model."""

from keras_gans.networks.registry import DISCRIMINATORS, GENERATORS, build_discriminator, build_generator
from keras_gans.networks.mlp import mlp_discriminator, mlp_generator
from keras_gans.networks.dcgan import dcgan_discriminator, dcgan_generator
from keras_gans.networks.resnet import resnet_discriminator, resnet_generator
from keras_gans.networks.progressive_generator import ProgressiveGenerator
from keras_gans.networks.progressive_discriminator import ProgressiveDiscriminator
from keras_gans.networks.style_generator import StyleGenerator
from keras_gans.networks.residual_discriminator import residual_discriminator
