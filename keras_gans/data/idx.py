"""IDX files (the original MNIST / Fashion-MNIST format), raw or gzip-compressed."""

import gzip
import zlib
import os

import numpy as np

from keras_gans.data.errors import DataError

_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_PREFIX = {"train": "train", "test": "t10k"}


def read_idx(path):
    """The array stored in one IDX file (header: 0, 0, dtype code, ndim; then big-endian dims)."""
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except (EOFError, OSError, zlib.error) as e:
        raise DataError(f"{path} cannot be read ({type(e).__name__}: {e}); the file is truncated or damaged. "
                        "Download it again.") from None
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in _DTYPES:
        raise DataError(f"{path} is not an IDX file (bad magic number).")
    ndim = data[3]
    dims = np.frombuffer(data, ">u4", count=ndim, offset=4).astype(int)
    array = np.frombuffer(data, _DTYPES[data[2]], offset=4 + 4 * ndim)
    if array.size != int(np.prod(dims)):
        raise DataError(f"{path}: header says {tuple(dims)} but holds {array.size} values (truncated file?).")
    return array.reshape(dims)


def _find(directory, stem):
    for name in (stem, stem + ".gz"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    return None


def is_idx_dir(path):
    return os.path.isdir(path) and any(
        _find(path, f"{p}-images-idx3-ubyte") for p in _PREFIX.values()
    )


def load_idx_dir(path, split="train"):
    """(images [N, H, W, 1] uint8, labels or None) from ``{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]``."""
    if split not in _PREFIX:
        raise DataError(f"split must be 'train' or 'test' for an IDX folder, got {split!r}.")
    images_path = _find(path, f"{_PREFIX[split]}-images-idx3-ubyte")
    if images_path is None:
        raise FileNotFoundError(f"{path} has no {_PREFIX[split]}-images-idx3-ubyte[.gz] for split {split!r}.")
    images = read_idx(images_path)
    labels_path = _find(path, f"{_PREFIX[split]}-labels-idx1-ubyte")
    labels = read_idx(labels_path).astype(np.int64) if labels_path else None
    if labels is not None:
        from keras_gans.data.labels import check_labels

        labels = check_labels(labels, len(images), labels_path)
    return images[..., None].astype(np.uint8), labels
