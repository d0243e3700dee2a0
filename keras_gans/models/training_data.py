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


def labels_of(structure):
    """The labels of a batch, or None: y of (x, y) or (x, y, w), {\"label\": y}."""
    if isinstance(structure, dict):
        return structure.get("label")
    if isinstance(structure, (tuple, list)) and len(structure) > 1:
        return structure[1]
    return None


RANGE_CHECK = "keras_gans first-batch range check"
LABEL_CHECK = "keras_gans label range check"


def check_label_range(ds, num_classes):
    """``ds`` whose every batch's labels are checked to lie in [0, num_classes) as training reads them (a
    label out of range would index past the class embeddings: an error on a CPU, silently a zero row on a
    GPU). The error names the label and the classes."""
    def check(*element):
        element = element if len(element) > 1 else element[0]
        y = labels_of(element)
        if y is None:
            return element
        y = tf.cast(y, tf.int64)
        ok = tf.reduce_all((y >= 0) & (y < num_classes))
        with tf.control_dependencies([tf.debugging.Assert(ok, [LABEL_CHECK, tf.reduce_min(y), tf.reduce_max(y), num_classes])]):
            return tf.nest.map_structure(tf.identity, element)

    return ds.map(check)


def range_problem(lo, hi, where="fit() got"):
    """What is wrong with images whose values span [lo, hi], or None: the GAN trains on [-1, 1] (G ends in
    tanh), so 0..255 pixels and images scaled to [0, 1] (which train silently and export a grey
    background) are refused with the fix."""
    if lo < -1.0 - 1e-3 or hi > 1.0 + 1e-3:
        hint = " (it looks like 0..255 pixels: use x / 127.5 - 1)" if hi > 2.0 else ""
        return f"{where} values in [{lo:.3g}, {hi:.3g}]; the GAN expects [-1, 1]{hint}."
    if lo >= 0.0 and 0.5 < hi <= 1.0 + 1e-3:
        return (f"{where} images in [{lo:.3g}, {hi:.3g}], i.e. scaled to [0, 1] (x / 255); the GAN trains on [-1, 1] "
                "(its generator ends in tanh; a [0, 1] run exports a grey background). Use x * 2 - 1, or x / 127.5 - 1 "
                "on the 0..255 pixels, or load with keras_gans.data.load(...), which does it for you.")
    return None


def check_array(x):
    """Arrays given to ``fit``: floats with no NaN or inf; images [N, H, W, C] in [-1, 1], not [0, 1]."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        raise DataError(
            f"fit() got {x.dtype} data; the GAN trains on float32 in [-1, 1]. Convert with x / 127.5 - 1 "
            "(uint8 0..255), or load with keras_gans.data.load(...), which does it for you."
        )
    if x.size and not np.isfinite(x).all():
        bad = int(np.count_nonzero(~np.isfinite(x)))
        raise DataError(f"fit() got data with {bad} NaN or infinite values; clean or drop those samples first.")
    if x.ndim == 4 and x.size:  # images; 2-D points have their own scale
        problem = range_problem(float(x.min()), float(x.max()))
        if problem:
            raise DataError(problem)


def check_dataset(ds):
    """A dataset given to ``fit``: float images (checked now), and its first batch finite and in [-1, 1]
    (checked when training reads it, inside the pipeline: peeking at a batch here would move a reshuffling
    dataset to its next permutation). The error then comes from the first step, whose generator half (which
    reads no real batch) may already have been applied."""
    spec = images_of(ds.element_spec)
    if not spec.dtype.is_floating:
        raise DataError(
            f"The dataset yields {spec.dtype.name} images; the GAN trains on float32 in [-1, 1]. Map it with "
            "x / 127.5 - 1, or load with keras_gans.data.load(...), which does it for you."
        )
    if spec.shape.rank != 4:  # points (and regrouped critic batches) have their own scale
        return ds

    def check(i, element):
        def verify():
            x = tf.cast(images_of(element), tf.float32)
            lo, hi = tf.reduce_min(x), tf.reduce_max(x)
            finite = tf.reduce_all(tf.math.is_finite(x))
            in_range = (lo >= -1.0 - 1e-3) & (hi <= 1.0 + 1e-3) & ~((lo >= 0.0) & (hi > 0.5))
            return tf.debugging.Assert(finite & in_range, [RANGE_CHECK, lo, hi, finite])

        with tf.control_dependencies([tf.cond(tf.equal(i, 0), verify, tf.no_op)]):
            return tf.nest.map_structure(tf.identity, element)

    return ds.enumerate().map(check)


def dataset_problem(error):
    """The ``DataError`` for a failure of the data while training reads it (a ``tf.errors.InvalidArgumentError``
    of the first-batch check or of an image's decoding), or None."""
    import re

    from keras_gans.data.errors import UndecodableImage
    from keras_gans.data.image_folder import DECODE_CHECK, SKIP_ADVICE, op_message

    text = getattr(error, "message", str(error))
    if DECODE_CHECK in text:
        name = re.search(re.escape(DECODE_CHECK) + r"\] \[(.*?)\]", text)
        return UndecodableImage(f"{name.group(1) if name else 'a file'} is empty or not an image file (no PNG, JPEG, GIF "
                                f"or BMP data); {SKIP_ADVICE}.")
    if "DecodeImage" in text or "DecodePng" in text or "DecodeJpeg" in text:
        reason = op_message(error).rsplit(": ", 1)[-1]
        return UndecodableImage(f"an image of the dataset cannot be decoded ({reason}); keras_gans.data.find_bad_images"
                                f"(FOLDER) names it; {SKIP_ADVICE}.", named=False)
    if LABEL_CHECK in text:
        lo, hi, n = (re.findall(r"\[([^\]]*)\]", text.split(LABEL_CHECK, 1)[1]) + ["?"] * 3)[:3]
        return DataError(f"the data holds labels in [{lo.strip()}, {hi.strip()}], but the GAN has {n.strip()} classes "
                         f"(0..{int(n) - 1 if n.strip().isdigit() else '?'}): give labels 0..num_classes-1, or build the "
                         "GAN for the data's classes (--set conditional=true reads them from the data).")
    if RANGE_CHECK not in text:
        return None
    numbers = re.findall(r"\[([^\]]*)\]", text.split(RANGE_CHECK, 1)[1])
    lo, hi, finite = (numbers + ["nan", "nan", "False"])[:3]
    if finite.strip() != "1" and finite.strip().lower() != "true":
        return DataError("the dataset's first batch holds NaN or infinite values; clean or drop those samples first.")
    return DataError(range_problem(float(lo), float(hi), where="the dataset's first batch has"))


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


def prepare(x, y, batch_size, shuffle, d_steps, sample_rank, seed=None, num_classes=None):
    """The dataset ``GAN.fit`` trains on (see the module docstring); ``num_classes`` (a conditional GAN):
    labels are required and checked to lie in [0, num_classes)."""
    if isinstance(x, tf.data.Dataset):
        if getattr(x, "zca", None) is not None:
            raise DataError(ZCA_REFUSED)
        ds = check_dataset(x)
    elif x is None:
        raise DataError("fit() needs training data: a dataset from keras_gans.data.load(...) or an array in [-1, 1].")
    else:
        if num_classes is not None and y is not None:
            from keras_gans.data.labels import check_labels

            y = check_labels(y, len(x), "fit()")
        ds = as_dataset(x, y, batch_size, shuffle, seed)
    if num_classes is not None:
        if labels_of(ds.element_spec) is None:
            raise DataError(f"this GAN is conditional ({num_classes} classes) and trains on (images, labels): give fit(x, y), "
                            "or a dataset of (images, labels) batches, e.g. keras_gans.data.load(..., labels=True).")
        ds = check_label_range(ds, num_classes)
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
