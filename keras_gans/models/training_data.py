"""What ``GAN.fit`` accepts, checked once where the data enters: arrays or tensors are validated (float, in
[-1, 1], finite) and batched with static shapes; datasets must yield float images. With ``d_steps > 1``
the data is regrouped so that each training step receives ``d_steps`` real batches, one per critic update
(Gulrajani et al. 2017, Algorithm 1, lines 2-4 draw a fresh real batch for every critic iteration)."""

import keras
import numpy as np
import tensorflow as tf

from keras_gans.checks import ZCA_REFUSED
from keras_gans.data.errors import DataError
from keras_gans.private_api import nested_layers


def images_of(structure):
    """The image tensor of a batch that may carry labels: x, (x, y), (x, y, w) or {\"image\": x}."""
    if isinstance(structure, dict):
        return structure["image"]
    if isinstance(structure, (tuple, list)):
        return structure[0]
    return structure


def check_array(x):
    """Arrays given to ``fit``: floats with no NaN or inf; images [N, H, W, C] in [-1, 1]."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        raise DataError(
            f"fit() got {x.dtype} data; the GAN trains on float32 in [-1, 1]. Convert with x / 127.5 - 1 "
            "(uint8 0..255), or load with keras_gans.data.load(...), which does it for you."
        )
    if x.size and not np.isfinite(x).all():
        bad = int(np.count_nonzero(~np.isfinite(x)))
        raise DataError(f"fit() got data with {bad} NaN or infinite values; clean or drop those samples first.")
    lo, hi = (float(x.min()), float(x.max())) if x.size else (0.0, 0.0)
    if x.ndim == 4 and (lo < -1.0 - 1e-3 or hi > 1.0 + 1e-3):  # images; 2-D points have their own scale
        hint = " (it looks like 0..255 pixels: use x / 127.5 - 1)" if hi > 2.0 else ""
        raise DataError(f"fit() got values in [{lo:.3g}, {hi:.3g}]; the GAN expects [-1, 1]{hint}.")


def check_dataset(ds):
    spec = images_of(ds.element_spec)
    if not spec.dtype.is_floating:
        raise DataError(
            f"The dataset yields {spec.dtype.name} images; the GAN trains on float32 in [-1, 1]. Map it with "
            "x / 127.5 - 1, or load with keras_gans.data.load(...), which does it for you."
        )


def as_dataset(x, y=None, batch_size=None, shuffle=True, seed=None):
    """``x`` (and labels ``y``) as a shuffled dataset of static batches (``drop_remainder=True``)."""
    check_array(x)
    x = np.asarray(x, np.float32)
    batch_size = int(batch_size or 32)
    if batch_size < 1:
        raise DataError(f"batch_size must be >= 1, got {batch_size}.")
    if len(x) < batch_size:
        raise DataError(f"fit() got {len(x)} samples, fewer than one batch of {batch_size}; lower batch_size.")
    ds = tf.data.Dataset.from_tensor_slices(x if y is None else (x, np.asarray(y)))
    if shuffle:
        ds = ds.shuffle(len(x), seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE)


def is_grouped(ds, sample_rank):
    """Whether ``ds`` already yields ``[batch, d_steps, ...]`` (rank of one sample + 2)."""
    return images_of(ds.element_spec).shape.rank == sample_rank + 2


def group_critic_batches(ds, d_steps, sample_rank):
    """``ds`` of batches ``[B, ...]`` -> elements ``[B, d_steps, ...]``: ``d_steps`` consecutive batches
    per element, batch axis first, so a distribution strategy splits the batch axis across replicas
    and replica r gets the same rows of each of the ``d_steps`` batches."""
    if d_steps <= 1 or is_grouped(ds, sample_rank):
        return ds
    swap = lambda t: tf.transpose(t, [1, 0] + list(range(2, t.shape.rank)))  # noqa: E731
    return ds.batch(d_steps, drop_remainder=True).map(lambda *e: tf.nest.map_structure(swap, e if len(e) > 1 else e[0]))


def prepare(x, y, batch_size, shuffle, d_steps, sample_rank, seed=None):
    """The dataset ``GAN.fit`` trains on (see the module docstring)."""
    if isinstance(x, tf.data.Dataset):
        if getattr(x, "zca", None) is not None:
            raise DataError(ZCA_REFUSED)
        check_dataset(x)
        ds = x
    elif x is None:
        raise DataError("fit() needs training data: a dataset from keras_gans.data.load(...) or an array in [-1, 1].")
    else:
        ds = as_dataset(x, y, batch_size, shuffle, seed)
    return group_critic_batches(ds, d_steps, sample_rank)


def couples_samples(model):
    """Whether a layer of ``model`` mixes the samples of a batch: batch normalisation, or any layer that
    declares ``couples_samples = True`` (minibatch discrimination, minibatch std-dev, ...)."""
    return any(
        isinstance(layer, keras.layers.BatchNormalization) or getattr(layer, "couples_samples", False)
        for layer in nested_layers(model)
    )


def batch_size_of(x):
    return x.shape[0] if x.shape[0] is not None else tf.shape(x)[0]
