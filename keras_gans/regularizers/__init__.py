"""Discriminator regularisers that own their tape, registered by name."""

from keras_gans.regularizers.base import REGULARIZERS, Regularizer, get_regularizer, register_regularizer
from keras_gans.regularizers.gradient_penalty import GradientPenalty
