"""Options the convolutional networks share, so that every layer of ``keras_gans.layers`` is reachable
from a preset key (``generator.norm``, ``discriminator.minibatch_stddev``, ...).

- ``normalization(kind)``: ``"batch"`` (Ioffe & Szegedy 2015; synchronised over replicas), ``"layer"`` (Ba et
  al. 2016), ``"group"`` (Wu & He 2018, ``groups`` channels' groups), ``"virtual_batch"`` (Salimans et al.
  2016; generators only: the network prepends a ``ReferenceBatch``), ``"none"``.
- ``discriminator_head(x, ...)``: what a discriminator may add before its logit: ``minibatch_stddev``
  (Karras et al. 2018, sec. 3; a group size, or true for 4) on the last feature map, and
  ``minibatch_discrimination`` (Salimans et al. 2016, sec. 3.2; a number of kernels, or true for 50) on the
  flattened features.
"""

import keras

from keras_gans.layers import MinibatchDiscrimination, MinibatchStdDev, VirtualBatchNormalization

NORMS = ("batch", "layer", "group", "virtual_batch", "none")
REFERENCE_SIZE = 16  # rows of the virtual-batch-norm reference batch


def _gamma_init():
    return keras.initializers.RandomNormal(1.0, 0.02)


def check_norm(norm, allowed=NORMS, where="norm"):
    norm = "none" if norm is None else norm
    if norm not in allowed:
        raise ValueError(f"{where} must be one of {', '.join(allowed)}, got {norm!r}.")
    return norm


def normalization(norm, dtype, name, channels=None, groups=8):
    """A normalisation layer of the kind ``norm`` (None for ``"none"``) for ``channels`` feature maps
    (group norm uses the largest divisor of ``channels`` up to ``groups``)."""
    norm = check_norm(norm)
    if norm == "batch":
        # synchronized: statistics over the global batch under tf.distribute (1 replica = plain BN)
        return keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, gamma_initializer=_gamma_init(),
                                               synchronized=True, dtype=dtype, name=name)
    if norm == "layer":
        return keras.layers.LayerNormalization(epsilon=1e-5, dtype=dtype, name=name)
    if norm == "group":
        g = max(d for d in range(1, min(groups, channels) + 1) if channels % d == 0)
        return keras.layers.GroupNormalization(g, epsilon=1e-5, dtype=dtype, name=name)
    if norm == "virtual_batch":
        return VirtualBatchNormalization(REFERENCE_SIZE, dtype=dtype, name=name)
    return None


def uses_bias(norm):
    """A layer followed by a normalisation with its own shift needs no bias."""
    return check_norm(norm) == "none"


def option_value(value, default):
    """``True`` -> the default setting, a number -> that setting, false/None/0 -> off."""
    if value is True:
        return default
    return int(value) if value else 0


def discriminator_head(x, dtype, minibatch_stddev=False, minibatch_discrimination=False, flatten=True):
    """``x`` (D's last feature map) with the optional minibatch layers, flattened when ``flatten``."""
    group = option_value(minibatch_stddev, 4)
    if group:
        x = MinibatchStdDev(group_size=group, dtype=dtype, name="minibatch_stddev")(x)
    if flatten:
        x = keras.layers.Flatten(dtype=dtype)(x)
    kernels = option_value(minibatch_discrimination, 50)
    if kernels:
        x = MinibatchDiscrimination(num_kernels=kernels, dtype=dtype, name="minibatch_discrimination")(x)
    return x
