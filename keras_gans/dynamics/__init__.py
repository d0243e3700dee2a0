"""Training dynamics: update rules (how the players move) and optimizers built for games."""

from keras_gans.dynamics.base import UPDATE_RULES, Player, UpdateRule, get_update_rule, register_update_rule
from keras_gans.dynamics.alternating import Alternating
from keras_gans.dynamics.extragradient import Extragradient
from keras_gans.dynamics.optimistic_adam import OptimisticAdam
from keras_gans.dynamics.optimistic_sgd import OptimisticSGD
from keras_gans.dynamics.simultaneous import Simultaneous
from keras_gans.dynamics import games
from keras_gans.dynamics.accuracy_balance import AccuracyBalance
