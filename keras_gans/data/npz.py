"""``.npz`` arrays: key ``x`` (images [N, H, W(, C)] as uint8, or float in [0, 1] or [-1, 1]; or 2-D
points [N, D]), optional key ``y`` (labels)."""

import numpy as np

from keras_gans.data.errors import DataError


def load_npz(path):
    with np.load(path) as f:
        if "x" not in f:
            raise DataError(f"{path} has no array 'x' (found: {', '.join(f.files)}); save images as x=..., labels as y=....")
        x = f["x"]
        y = f["y"] if "y" in f else None
    if x.ndim == 3:
        x = x[..., None]
    if x.ndim not in (2, 4):
        raise DataError(f"{path}: 'x' must be [N, H, W], [N, H, W, C] or points [N, D]; got shape {x.shape}.")
    if x.ndim == 4 and x.dtype != np.uint8:
        lo, hi = float(x.min()), float(x.max())
        if lo < -1.0 - 1e-6 or hi > 1.0 + 1e-6:
            raise DataError(f"{path}: float images must lie in [0, 1] or [-1, 1]; found [{lo:.3g}, {hi:.3g}]. Store uint8 instead.")
        x = np.round((x + 1.0) * 127.5 if lo < 0 else x * 255.0).astype(np.uint8)
    if y is not None and len(y) != len(x):
        raise DataError(f"{path}: {len(x)} samples in 'x' but {len(y)} labels in 'y'.")
    return x, y
