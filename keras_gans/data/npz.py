"""``.npz`` arrays: key ``x`` (images [N, H, W(, C)] as uint8, or float in [0, 1] or [-1, 1]; or 2-D
points [N, D]), optional key ``y`` (labels)."""

import io
import zipfile

import numpy as np
import tensorflow as tf

from keras_gans.data.errors import DataError


def npz_class_names(path):
    """The ``class_names`` array of an .npz file, or None."""
    with tf.io.gfile.GFile(path, "rb") as file, np.load(io.BytesIO(file.read()), allow_pickle=False) as f:
        return [str(n) for n in f["class_names"]] if "class_names" in f.files else None


def load_npz(path, channels=None):
    """(x, y or None). RGBA images need ``channels`` (1 or 3): alpha is dropped, and the pipeline converts
    the RGB that remains to what ``channels`` asks for."""
    try:
        with tf.io.gfile.GFile(path, "rb") as file, np.load(io.BytesIO(file.read()), allow_pickle=False) as f:
            names = list(f.files)
            arrays = {k: f[k] for k in ("x", "y", "class_names") if k in names}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, tf.errors.OpError) as e:
        raise DataError(f"{path} is not a readable .npz archive ({type(e).__name__}: {e}); save one with "
                        "numpy.savez(path, x=images, y=labels).") from None
    if "x" not in arrays:
        raise DataError(f"{path} has no array 'x' (found: {', '.join(names)}); save images as x=..., labels as y=....")
    x, y = arrays["x"], arrays.get("y")
    if x.dtype.kind not in "uif":
        raise DataError(f"{path}: 'x' holds {x.dtype} values; store numbers (uint8 images or floats).")
    if x.ndim == 3:
        x = x[..., None]
    if x.ndim not in (2, 4):
        raise DataError(f"{path}: 'x' must be [N, H, W], [N, H, W, C] or points [N, D]; got shape {x.shape}.")
    if x.ndim == 4 and x.shape[-1] not in (1, 3, 4):
        raise DataError(f"{path}: images with {x.shape[-1]} channels; give 1 (grayscale), 3 (RGB) or 4 (RGBA).")
    if x.ndim == 4 and x.shape[-1] == 4:
        if channels is None:
            raise DataError(f"{path}: images with 4 channels (RGBA); pass channels=3 to drop alpha "
                            "(CLI: --set dataset.channels=3) or channels=1.")
        x = x[..., :3]
    if x.dtype.kind == "f" and not np.isfinite(x).all():
        raise DataError(f"{path}: 'x' holds {int(np.count_nonzero(~np.isfinite(x)))} NaN or infinite values; "
                        "clean or drop those samples first.")
    if x.ndim == 4 and x.dtype != np.uint8:
        lo, hi = float(x.min()), float(x.max())
        if lo < -1.0 - 1e-6 or hi > 1.0 + 1e-6:
            raise DataError(f"{path}: float images must lie in [0, 1] or [-1, 1]; found [{lo:.3g}, {hi:.3g}]. Store uint8 instead.")
        x = np.round((x + 1.0) * 127.5 if lo < 0 else x * 255.0).astype(np.uint8)
    if y is not None:
        from keras_gans.data.labels import check_labels

        y = check_labels(y, len(x), f"{path} ('y')")
    return x, y
