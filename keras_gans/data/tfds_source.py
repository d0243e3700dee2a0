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
    if download:
        _check_reachable_unless_prepared(tfds, name, data_dir)
    try:
        ds, info = tfds.load(name, split=split, data_dir=data_dir, download=download, with_info=True)
    except Exception as e:  # failures surface as many different exception types
        raise DataError(tfds_failure(name, split, data_dir, e)) from None
    keys = list(info.features.keys())
    image_key = "image" if "image" in keys else next((k for k in keys if "image" in k), None)
    if image_key is None:
        raise DataError(f"TFDS dataset {name!r} has no image feature (features: {', '.join(keys)}).")
    has_label = "label" in keys
    ds = ds.map(lambda ex: (ex[image_key], ex["label"] if has_label else None))
    try:
        count = info.splits[split].num_examples
    except Exception:  # a split expression TFDS counts only while reading
        count = None
    ds.source_info = {"kind": f"TFDS {name} ({split})", "samples": count, "shape": info.features[image_key].shape}
    label = info.features["label"] if has_label else None
    if getattr(label, "num_classes", None):  # a ClassLabel: its count and names
        ds.source_info.update(num_classes=label.num_classes, class_names=list(label.names))
    return ds, has_label


TFDS_HOST = ("storage.googleapis.com", 443)  # where TFDS fetches prepared copies and most sources


def _check_reachable_unless_prepared(tfds, name, data_dir, timeout=5.0):
    """A dataset that is not prepared in ``data_dir`` needs the network: one connection is tried (a few
    seconds), instead of the minutes of retries of TFDS' downloader on a machine that is offline."""
    import socket

    try:
        builder = tfds.builder(name, data_dir=data_dir)
        prepare = type(builder).download_and_prepare
        if builder.is_prepared() or "testing" in getattr(prepare, "__module__", ""):  # prepared, or tfds.testing.mock_data
            return
    except Exception:  # an unknown config or version: tfds.load says what is wrong
        return
    try:
        socket.create_connection(TFDS_HOST, timeout=timeout).close()
    except OSError as e:
        raise DataError(
            f"TFDS dataset {name!r} is not prepared in {data_dir or '~/tensorflow_datasets'} and this machine cannot "
            f"reach {TFDS_HOST[0]} to download it ({e}). Either prepare it once elsewhere and point data_dir= (CLI: "
            f"--set dataset.data_dir=DIR) at that TFDS folder, or {LOCAL}.") from None


LOCAL = ("pass a local path instead: a folder of IDX files (train-images-idx3-ubyte.gz, ...), an .npz file with "
         "x (and y), or a folder of PNG/JPEG images")


def _network_failure(e):
    names = {c.__name__ for c in type(e).__mro__}
    text = str(e)
    return bool(names & {"ConnectionError", "TimeoutError", "URLError", "NameResolutionError", "DownloadError"}) or any(
        w in text for w in ("Name or service not known", "Failed to resolve", "Max retries exceeded", "Temporary failure in name resolution"))


def tfds_failure(name, split, data_dir, e):
    """What actually failed, and what to do: a missing module, a network that cannot reach the dataset's
    hosts, or anything else (shown as it is)."""
    first = str(e).splitlines()[0] if str(e) else ""
    head = f"Could not load TFDS dataset {name!r} (split {split!r}, data_dir {data_dir!r}): {type(e).__name__}: {first}\n"
    if isinstance(e, ImportError):
        module = getattr(e, "name", None) or first
        return head + (f"tensorflow-datasets needs the Python module {module!r}, which is not installed: "
                       f"pip install {str(module).split('.')[0].replace('_', '-')} (then try again), or {LOCAL}.")
    if _network_failure(e):
        return head + ("The dataset could not be downloaded: this machine cannot reach its host. Either prepare it "
                       "once elsewhere and point data_dir= (CLI: --set dataset.data_dir=DIR) at that TFDS folder, "
                       f"or {LOCAL}.")
    return head + f"Check the name, split and data_dir, or {LOCAL}."
