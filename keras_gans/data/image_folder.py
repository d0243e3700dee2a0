"""A folder of PNG / JPEG images, searched recursively; sub-folder names become labels."""

import os

import numpy as np
import tensorflow as tf

from keras_gans.data.errors import DataError

EXTENSIONS = (".png", ".jpg", ".jpeg")


def list_images(path):
    files = []
    for root, _, names in os.walk(path):
        files += [os.path.join(root, n) for n in names if n.lower().endswith(EXTENSIONS)]
    return sorted(files)


def load_image_folder(path, image_size=None, channels=None):
    """(images [N, H, W, C] uint8, labels or None). Images of several sizes need ``image_size``."""
    files = list_images(path)
    if not files:
        raise DataError(f"No PNG or JPEG images under {path} (searched recursively for {', '.join(EXTENSIONS)}).")
    images = []
    for f in files:
        try:
            img = tf.io.decode_image(tf.io.read_file(f), expand_animations=False)
        except tf.errors.InvalidArgumentError as e:
            raise DataError(f"Cannot decode {f}: {e.message}") from None
        images.append(img)
    found = sorted({int(i.shape[-1]) for i in images})
    if channels is None and len(found) > 1:
        examples = {c: next(f for f, i in zip(files, images) if i.shape[-1] == c) for c in found}
        raise DataError(
            f"Images under {path} have mixed channel counts {found} (e.g. {examples}). "
            "Pass channels=1 or channels=3 (CLI: --set dataset.channels=3) to convert them all."
        )
    if channels is not None:
        images = [_to_channels(i, channels) for i in images]
    sizes = {tuple(i.shape[:2]) for i in images}
    if image_size is not None:
        images = [tf.cast(tf.round(tf.image.resize(i, image_size, antialias=True)), tf.uint8) for i in images]
    elif len(sizes) > 1:
        raise DataError(f"Images under {path} have {len(sizes)} different sizes; pass image_size=(H, W) to resize them.")
    labels = _labels(path, files)
    return np.stack([np.asarray(i, np.uint8) for i in images]), labels


def _to_channels(image, channels):
    c = image.shape[-1]
    if c == 4:
        image, c = image[..., :3], 3
    if c == channels:
        return image
    if channels == 1:
        return tf.image.rgb_to_grayscale(image)
    return tf.image.grayscale_to_rgb(image)


def _labels(path, files):
    tops = [os.path.relpath(f, path).split(os.sep) for f in files]
    if any(len(t) < 2 for t in tops):
        return None
    classes = sorted({t[0] for t in tops})
    return np.array([classes.index(t[0]) for t in tops], np.int64)
