"""Pictures people would rather look at than read: sample grids and 2-D scatter plots, as PNG."""

import math
import os

import numpy as np
import tensorflow as tf


def image_grid(images, cols=None, pad=2):
    """float images [N, H, W, C] in [-1, 1] -> one uint8 image [rows*(H+pad)+pad, cols*(W+pad)+pad, C]."""
    images = np.asarray(images, np.float32)
    n, h, w, c = images.shape
    cols = cols or int(math.ceil(math.sqrt(n)))
    rows = int(math.ceil(n / cols))
    grid = np.zeros((rows * (h + pad) + pad, cols * (w + pad) + pad, c), np.uint8)
    pixels = np.clip(np.round((images + 1.0) * 127.5), 0, 255).astype(np.uint8)
    for i in range(n):
        r, q = divmod(i, cols)
        grid[pad + r * (h + pad) : pad + r * (h + pad) + h, pad + q * (w + pad) : pad + q * (w + pad) + w] = pixels[i]
    return grid


ENCODERS = {".png": tf.io.encode_png, ".jpg": lambda x: tf.io.encode_jpeg(x, quality=95),
            ".jpeg": lambda x: tf.io.encode_jpeg(x, quality=95)}


def save_png(path, image):
    """Write a uint8 image [H, W, C]; PNG or JPEG by the file's extension (.png, .jpg, .jpeg)."""
    encode = ENCODERS.get(os.path.splitext(path)[1].lower())
    if encode is None:
        raise ValueError(f"{path}: write images as .png or .jpg.")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tf.io.write_file(path, encode(np.asarray(image, np.uint8)))
    return path


def save_image_grid(path, images, cols=None):
    return save_png(path, image_grid(images, cols))


def save_scatter(path, points, centers=None, title=None, real=None):
    """Scatter plot of 2-D samples (blue), optional real samples (grey) and mode centres (red crosses)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    if real is not None:
        ax.scatter(real[:, 0], real[:, 1], s=2, c="0.7", label="real")
    ax.scatter(points[:, 0], points[:, 1], s=2, c="tab:blue", alpha=0.6, label="generated")
    if centers is not None:
        ax.scatter(centers[:, 0], centers[:, 1], marker="x", c="tab:red", s=40, label="modes")
    ax.set_aspect("equal")
    ax.legend(loc="upper right", fontsize=7)
    if title:
        ax.set_title(title, fontsize=9)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def save_samples(path, samples, centers=None, title=None, row_names=None):
    """A grid for images (``row_names``: one row per name, captioned with it, e.g. a conditional GAN's
    classes), a scatter plot for points."""
    samples = np.asarray(samples)
    if samples.ndim == 2:
        return save_scatter(path, samples, centers=centers, title=title)
    if row_names:
        return save_captioned_grid(path, samples, row_names, title)
    return save_image_grid(path, samples)


def save_captioned_grid(path, images, row_names, title=None):
    """``images`` [rows * cols, H, W, C] as ``len(row_names)`` rows, each captioned on its left with its name."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = len(row_names)
    cols = len(images) // rows
    grid = image_grid(images[: rows * cols], cols)
    h = images.shape[1] + 2
    dpi = 100
    width = max(grid.shape[1], 160) / dpi + 0.15 * max(len(str(n)) for n in row_names) + 0.3
    fig, ax = plt.subplots(figsize=(width, grid.shape[0] / dpi + (0.4 if title else 0.1)), dpi=dpi)
    ax.imshow(grid[..., 0] if grid.shape[-1] == 1 else grid, cmap="gray" if grid.shape[-1] == 1 else None,
              interpolation="nearest", vmin=0, vmax=255)
    ax.set_xticks([])
    ax.set_yticks([2 + h * r + (h - 2) / 2 for r in range(rows)])
    ax.set_yticklabels([str(n) for n in row_names], fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=9)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, bbox_inches="tight", dpi=dpi)
    plt.close(fig)
    return path
