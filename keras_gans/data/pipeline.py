"""The one input pipeline: shuffle, batch with drop_remainder (static shapes), convert to [-1, 1]
float32 and resize per batch, prefetch."""

import tensorflow as tf

RESIZE_METHODS = ("bilinear", "nearest", "area", "bicubic", "pad")


def as_size(image_size):
    if image_size is None:
        return None
    if isinstance(image_size, int):
        return (image_size, image_size)
    return tuple(int(s) for s in image_size)


def to_unit_range(images):
    """uint8 [0, 255] -> float32 [-1, 1]."""
    return tf.cast(images, tf.float32) / 127.5 - 1.0


def resize_batch(images, size, method="bilinear"):
    """Resize float images [-1, 1]; ``pad`` centres them on a canvas of -1 (black) instead."""
    if size is None or tuple(images.shape[1:3]) == tuple(size):
        return images
    if method == "pad":
        h, w = images.shape[1], images.shape[2]
        if h > size[0] or w > size[1]:
            raise ValueError(f"Cannot pad {h}x{w} images to the smaller {size}; use a resize method.")
        top, left = (size[0] - h) // 2, (size[1] - w) // 2
        paddings = [[0, 0], [top, size[0] - h - top], [left, size[1] - w - left], [0, 0]]
        return tf.pad(images, paddings, constant_values=-1.0)
    return tf.clip_by_value(tf.image.resize(images, size, method=method, antialias=method != "nearest"), -1.0, 1.0)


def convert_channels(images, channels):
    if channels is None or images.shape[-1] == channels:
        return images
    if channels == 1:
        return tf.image.rgb_to_grayscale(images[..., :3])
    return tf.image.grayscale_to_rgb(images)


def batch_pipeline(
    ds,
    kind,
    has_labels,
    batch_size=64,
    image_size=None,
    channels=None,
    resize="bilinear",
    shuffle=True,
    shuffle_buffer=10_000,
    seed=None,
    repeat=False,
    cache=False,
    decode=None,
    skip_errors=False,
):
    """``ds`` yields (x, y) examples; ``kind`` is "image" (uint8 HWC) or "points" (float vectors).

    With ``decode`` (``(name, label) -> (image, label)``), ``ds`` yields file names: without ``cache`` the
    names are shuffled and the images decoded in parallel after them, so memory holds the names only (a
    folder larger than memory streams); with ``cache`` (True: in memory; a path: a file cache) the decoded
    images are cached on the first pass and shuffled from there. ``skip_errors`` drops the files that fail to
    read or decode (``tf.data.Dataset.ignore_errors``) instead of stopping."""
    if resize not in RESIZE_METHODS:
        raise ValueError(f"resize must be one of {', '.join(RESIZE_METHODS)}, got {resize!r}.")
    size = as_size(image_size)
    if kind == "image" and not ds.element_spec[0].shape.is_fully_defined():
        # examples of different sizes: resize each before batching
        if size is None:
            raise ValueError("These images have no fixed size; pass image_size=(H, W).")
        ds = ds.map(
            lambda x, y: (tf.cast(tf.round(tf.image.resize(x, size, antialias=True)), tf.uint8), y),
            num_parallel_calls=tf.data.AUTOTUNE,
        )
    def decoded(ds):
        ds = ds.map(decode, num_parallel_calls=tf.data.AUTOTUNE)
        return ds.ignore_errors() if skip_errors else ds

    if decode is not None and cache:
        ds = decoded(ds)
    if cache:
        ds = ds.cache(cache if isinstance(cache, str) else "")
    if shuffle:
        ds = ds.shuffle(shuffle_buffer, seed=seed, reshuffle_each_iteration=True)
    if repeat:
        ds = ds.repeat()
    if decode is not None and not cache:
        ds = decoded(ds)
    ds = ds.batch(batch_size, drop_remainder=True)

    def finish(x, y):
        if kind == "image":
            x = resize_batch(convert_channels(to_unit_range(x), channels), size, resize)
        else:
            x = tf.cast(x, tf.float32)
        return (x, y) if has_labels else x

    ds = ds.map(finish, num_parallel_calls=tf.data.AUTOTUNE)
    return ds.prefetch(tf.data.AUTOTUNE)
