"""The seam of transforms applied to everything the discriminator sees (real and generated samples,
in D's and in G's updates): instance noise, differentiable augmentation. Each is a serializable callable
``t(x, step, seed) -> x`` registered by name; random draws are made for the global batch and sliced per
replica, so training is the same on 1 and N replicas."""

import keras
import tensorflow as tf

from keras_gans.distribute import num_replicas, replica_slice
from keras_gans.registry import Registry, call_checked

D_INPUT_TRANSFORMS = Registry("discriminator input transform")


class InputTransform:
    name = None

    def __call__(self, x, step, seed):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def global_draw(fn, shape, seed, batch):
    """``fn(shape with the global batch, seed)`` sliced to this replica's ``batch`` rows; ``shape`` is
    this replica's shape (a tensor or list whose first entry is ignored)."""
    full = tf.concat([[batch * num_replicas()], tf.cast(shape, tf.int32)[1:]], 0)
    return replica_slice(fn(full, seed), batch)


def uniform(shape, seed, batch, minval=0.0, maxval=1.0):
    return global_draw(lambda s, sd: keras.random.uniform(s, minval, maxval, seed=sd), shape, seed, batch)


def normal(shape, seed, batch):
    return global_draw(lambda s, sd: keras.random.normal(s, seed=sd), shape, seed, batch)


def register_transform(name):
    return D_INPUT_TRANSFORMS.register_class(name)


def get_transform(identifier):
    if isinstance(identifier, InputTransform):
        return identifier
    kwargs = {}
    if isinstance(identifier, dict):
        kwargs = dict(identifier)
        identifier = kwargs.pop("name")
    return call_checked(D_INPUT_TRANSFORMS.get(identifier), f"transform {identifier!r}", kwargs)
