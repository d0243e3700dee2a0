"""Transforms of the discriminator's inputs: instance noise, differentiable augmentation."""

from keras_gans.augmentations.base import D_INPUT_TRANSFORMS, InputTransform, get_transform, register_transform
from keras_gans.augmentations.instance_noise import InstanceNoise
from keras_gans.augmentations.diff_augment import DiffAugment
from keras_gans.augmentations.adaptive_augment import AdaptiveAugment
