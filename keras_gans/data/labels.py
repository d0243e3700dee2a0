"""Class labels as every source gives them: checked where they enter (whole numbers >= 0, one per sample),
with the number of classes, their names and, where the data are at hand, their frequencies."""

import numpy as np

from keras_gans.data.errors import DataError

SOURCES_WITH_LABELS = (
    "labels come from: a TFDS dataset with a label feature (mnist, cifar10, ...); an IDX folder with its "
    "labels file (train-labels-idx1-ubyte[.gz]) beside the images; an .npz file with y (and optionally "
    "class_names); a folder of images with one sub-folder per class; stacked_mnist (its 1,000 digit triples)")


def no_labels(name):
    return DataError(f"{name} has no labels, and labels=True (a conditional GAN) needs one per image; {SOURCES_WITH_LABELS}.")


def check_labels(y, n, where):
    """``y`` as int64 [n]: whole numbers >= 0, one per sample, or a ``DataError`` that says which rule broke."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise DataError(f"{where}: labels must be one whole number per sample, shape [N]; got shape {y.shape} "
                        "(one-hot labels: y.argmax(-1)).")
    if len(y) != n:
        raise DataError(f"{where}: {n} samples but {len(y)} labels; give exactly one label per sample.")
    if y.dtype.kind == "f":
        if not np.isfinite(y).all() or (y != np.round(y)).any():
            bad = y[~np.isfinite(y) | (y != np.round(y))][:3]
            raise DataError(f"{where}: labels must be whole numbers (class indices 0, 1, ...); found {bad.tolist()}.")
    elif y.dtype.kind not in "iu":
        raise DataError(f"{where}: labels must be whole numbers (class indices 0, 1, ...), got {y.dtype} values.")
    if len(y) and y.min() < 0:
        raise DataError(f"{where}: labels must be >= 0 (class indices 0, 1, ...); found {int(y.min())}.")
    return y.astype(np.int64)


def class_info(y, names=None, where="the data"):
    """``{"num_classes", "class_names", "class_counts"}`` of labels ``y`` (``names``: the classes' names in
    index order, else "0", "1", ...)."""
    num_classes = int(y.max()) + 1 if len(y) else 0
    if names is not None:
        names = [str(n) for n in names]
        if num_classes > len(names):
            raise DataError(f"{where}: a label {num_classes - 1} but only {len(names)} class names.")
        num_classes = len(names)
    counts = np.bincount(y, minlength=num_classes).tolist()
    return {"num_classes": num_classes, "class_names": names or [str(i) for i in range(num_classes)],
            "class_counts": counts}
