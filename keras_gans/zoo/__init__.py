"""The model zoo: ``load(name, **overrides)`` a compiled GAN, ``list()`` the presets.

The presets are plain data: listing and resolving them imports no TensorFlow; ``load`` and
``build_gan`` do."""

from keras_gans.zoo.registry import PRESETS, list_presets, load, register_preset, resolve
from keras_gans.checks import ConfigError
from keras_gans.zoo import image_presets, progressive_presets, small_image_presets, spectral_presets, style_presets, toy_presets  # noqa: F401,E501
from keras_gans.zoo import conditional_presets  # noqa: F401  (after the presets it conditions)
from keras_gans.zoo import mode_covering_presets  # noqa: F401  (after the presets it changes)

list = list_presets  # keras_gans.zoo.list(), as the README shows


def __getattr__(name):
    if name == "build_gan":
        from keras_gans.zoo.builder import build_gan

        return build_gan
    raise AttributeError(f"module 'keras_gans.zoo' has no attribute {name!r}")
