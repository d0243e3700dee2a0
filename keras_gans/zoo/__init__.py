"""The model zoo: ``load(name, **overrides)`` a compiled GAN, ``list()`` the presets."""

from keras_gans.zoo.registry import PRESETS, list_presets, load, register_preset, resolve
from keras_gans.zoo.builder import build_gan
from keras_gans.zoo import image_presets, spectral_presets, toy_presets

list = list_presets  # keras_gans.zoo.list(), as the README shows
