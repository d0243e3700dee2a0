"""The conditions the doctor checks, one file each, registered by name."""

from keras_gans.health.conditions.base import CONDITIONS, Condition, Finding, Settings, register_condition
from keras_gans.health.conditions.divergence import Divergence
from keras_gans.health.conditions.d_overpowers_g import DOverpowersG
from keras_gans.health.conditions.d_learns_nothing import DLearnsNothing
from keras_gans.health.conditions.mode_collapse import ModeCollapse
from keras_gans.health.conditions.oscillation import Oscillation
from keras_gans.health.conditions.d_overfitting import DOverfitting
from keras_gans.health.conditions.saturating_g_loss import SaturatingGeneratorLoss
