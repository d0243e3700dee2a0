"""Reusable Keras layers, each registered for ``keras.saving``."""

from keras_gans.layers.unrolled_conv2d import UnrolledConv2D
