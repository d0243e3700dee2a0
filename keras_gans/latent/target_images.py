"""Images from files fitted to a generator's shape, for projection: channels converted, size resized, each
change said."""

import os

import numpy as np
import tensorflow as tf


def fit_images(images, shape):
    """(float32 [N, H, W, C] in [-1, 1], notes) of uint8 (or [-1, 1] float) ``images`` fitted to ``shape`` (H, W, C):
    RGB(A) -> grayscale by luminance, grayscale -> RGB by copying, alpha dropped, resized by area averaging
    (down) or bicubic interpolation (up). ``notes[i]``: what was changed in image i (a list, empty where nothing)."""
    h, w, c = shape
    out, notes = [], []
    for i, image in enumerate(images):
        image, changed = np.asarray(image), []
        notes.append(changed)
        x = tf.convert_to_tensor(image.astype(np.float32) / 127.5 - 1.0 if image.dtype == np.uint8 else image.astype(np.float32))
        if x.shape.rank == 2:
            x = x[..., None]
        if x.shape.rank != 3 or x.shape[-1] not in (1, 2, 3, 4):
            raise ValueError(f"image {i}: expected [H, W] or [H, W, 1-4 channels], got shape {image.shape}.")
        have = x.shape[-1]
        if have in (2, 4):  # an alpha channel: dropped
            x, have = x[..., : have - 1], have - 1
            changed.append("alpha channel dropped")
        if have != c:
            x = tf.image.rgb_to_grayscale(x) if c == 1 else tf.tile(x, [1, 1, 3])
            changed.append("RGB converted to grayscale" if c == 1 else "grayscale copied into RGB")
        if tuple(x.shape[:2]) != (h, w):
            method = "area" if x.shape[0] >= h and x.shape[1] >= w else "bicubic"
            changed.append(f"resized from {x.shape[0]}x{x.shape[1]} to {h}x{w}")
            x = tf.image.resize(x, [h, w], method=method)
        out.append(np.clip(np.asarray(x, np.float32), -1.0, 1.0))
    return np.stack(out), notes


def read_images(paths):
    """uint8 arrays [H, W, C] of PNG / JPEG / BMP / GIF (first frame) files; an unreadable file is a ValueError naming it."""
    images = []
    for path in paths:
        if not os.path.isfile(path):
            raise FileNotFoundError(f"{path}: no such image file.")
        try:
            image = tf.io.decode_image(tf.io.read_file(path), expand_animations=False).numpy()
        except tf.errors.OpError:
            raise ValueError(f"{path} is not an image TensorFlow can read (PNG, JPEG, BMP, GIF).") from None
        images.append(image)
    return images
