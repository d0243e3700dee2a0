"""Reusable Keras layers, each registered for ``keras.saving``, each citing its paper."""

from keras_gans.layers.adain import AdaIN
from keras_gans.layers.class_projection import ClassProjection
from keras_gans.layers.conditional_batch_normalization import ConditionalBatchNormalization
from keras_gans.layers.equalized_conv2d import EqualizedConv2D
from keras_gans.layers.equalized_dense import EqualizedDense
from keras_gans.layers.fade_in import FadeIn
from keras_gans.layers.global_sum_pooling import GlobalSumPooling2D
from keras_gans.layers.minibatch_discrimination import MinibatchDiscrimination
from keras_gans.layers.minibatch_stddev import MinibatchStdDev
from keras_gans.layers.modulated_conv2d import ModulatedConv2D
from keras_gans.layers.noise_injection import NoiseInjection
from keras_gans.layers.pack_samples import PackSamples
from keras_gans.layers.pixel_normalization import PixelNormalization
from keras_gans.layers.reference_batch import ReferenceBatch
from keras_gans.layers.scheduled_leaky_relu import ScheduledLeakyReLU
from keras_gans.layers.self_attention import SelfAttention
from keras_gans.layers.spectral_normalization import SpectralNormalization
from keras_gans.layers.unrolled_conv2d import UnrolledConv2D
from keras_gans.layers.virtual_batch_normalization import VirtualBatchNormalization
