"""Loss families, one file each, registered by name (``get_loss("hinge")``)."""

from keras_gans.losses.base import GANLoss
from keras_gans.losses.registry import LOSSES, get_loss, register_loss
from keras_gans.losses.minimax import MinimaxLoss
from keras_gans.losses.non_saturating import NonSaturatingLoss
from keras_gans.losses.least_squares import LeastSquaresLoss
from keras_gans.losses.wasserstein import WassersteinLoss
from keras_gans.losses.hinge import HingeLoss
from keras_gans.losses.relativistic_pairing import RelativisticPairingLoss
from keras_gans.losses.relativistic_average import RelativisticAverageLoss
