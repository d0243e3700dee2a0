"""Discriminator regularisers that own their tape, registered by name."""

from keras_gans.regularizers.base import REGULARIZERS, Regularizer, get_regularizer, register_regularizer
from keras_gans.regularizers.gradient_penalty import GradientPenalty
from keras_gans.regularizers.dragan import DRAGANPenalty
from keras_gans.regularizers.r1 import R1Penalty
from keras_gans.regularizers.r2 import R2Penalty
from keras_gans.regularizers.consistency import ConsistencyRegularization
