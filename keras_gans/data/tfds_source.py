"""TensorFlow Datasets by name (mnist, fashion_mnist, cifar10, celeb_a, ...)."""

import difflib

from keras_gans.data.errors import DataError


def load_tfds(name, split="train", data_dir=None, download=True):
    """A tf.data.Dataset of (image uint8 [H, W, C], label or None) examples."""
    import tensorflow_datasets as tfds

    known = tfds.list_builders()
    base = name.split(":")[0].split("/")[0]
    if base not in known:
        close = difflib.get_close_matches(base, known, n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise DataError(
            f"{name!r} is neither a TFDS dataset, a toy distribution (ring, grid) nor an existing path.{hint}"
        )
    try:
        ds, info = tfds.load(name, split=split, data_dir=data_dir, download=download, with_info=True)
    except Exception as e:  # network failures surface as many different exception types
        raise DataError(
            f"Could not load TFDS dataset {name!r} (split {split!r}, data_dir {data_dir!r}): "
            f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}\n"
            "This machine may have no access to the dataset hub. Either prepare it once elsewhere and point "
            "data_dir= (CLI: --set dataset.data_dir=DIR) at that TFDS folder, or pass a local path instead: "
            "a folder of IDX files (train-images-idx3-ubyte.gz, ...), an .npz file with x (and y), "
            "or a folder of PNG/JPEG images."
        ) from None
    keys = list(info.features.keys())
    image_key = "image" if "image" in keys else next((k for k in keys if "image" in k), None)
    if image_key is None:
        raise DataError(f"TFDS dataset {name!r} has no image feature (features: {', '.join(keys)}).")
    has_label = "label" in keys
    return ds.map(lambda ex: (ex[image_key], ex["label"] if has_label else None)), has_label
