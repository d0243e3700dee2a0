"""Two-player games with closed-form behaviour, for testing update rules."""

from keras_gans.dynamics.games.bilinear import BilinearGame
from keras_gans.dynamics.games.dirac_gan import DiracGAN
