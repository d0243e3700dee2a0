"""Regularisers that own their tape, registered by name: the discriminator's (``REGULARIZERS``) and the
generator's (``G_REGULARIZERS``)."""

from keras_gans.regularizers.base import REGULARIZERS, Regularizer, get_regularizer, register_regularizer
from keras_gans.regularizers.generator_base import (
    G_REGULARIZERS,
    GeneratorRegularizer,
    get_generator_regularizer,
    register_generator_regularizer,
)
from keras_gans.regularizers.gradient_penalty import GradientPenalty
from keras_gans.regularizers.dragan import DRAGANPenalty
from keras_gans.regularizers.r1 import R1Penalty
from keras_gans.regularizers.r2 import R2Penalty
from keras_gans.regularizers.consistency import ConsistencyRegularization
from keras_gans.regularizers.historical_averaging import HistoricalAveraging
from keras_gans.regularizers.generator_historical_averaging import GeneratorHistoricalAveraging
from keras_gans.regularizers.jacobian_clamping import JacobianClamping
from keras_gans.regularizers.feature_matching import FeatureMatching
from keras_gans.regularizers.path_length import PathLengthRegularization
