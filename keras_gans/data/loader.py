"""``keras_gans.data.load``: one entry point for every source."""

import os

import numpy as np
import tensorflow as tf

from keras_gans.data.errors import DataError, TooFewSamples, check_single_split
from keras_gans.data.labels import check_labels, class_info, no_labels
from keras_gans.data.idx import is_idx_dir, load_idx_dir, read_idx
from keras_gans.data.image_folder import ImageFolder, load_image_folder
from keras_gans.data.npz import load_npz, npz_class_names
from keras_gans.data.pipeline import as_size, batch_pipeline
from keras_gans.data.stacked_mnist import stack_digits
from keras_gans.data.tfds_source import load_tfds
from keras_gans.data.toy import TOY, load_toy


def _looks_like_path(name):
    return os.sep in name or name.startswith(".") or name.endswith((".npz", ".gz", "-ubyte"))


STACKED = "stacked_mnist"


def has_splits(name):
    """Whether the source ``name`` has splits (IDX folders and TFDS datasets); image folders, array files and
    the toy distributions hold one set of samples."""
    name = os.fspath(name)
    if name in TOY or name.endswith(".npz") or _is_stacked(name):
        return _is_stacked(name)
    return is_idx_dir(name) or not (tf.io.gfile.exists(name) or _looks_like_path(name))


def _is_stacked(name):
    return name == STACKED or name.startswith(STACKED + ":")


def load_stacked_mnist(name, split="train", num_samples=100_000, seed=0, data_dir=None, download=True):
    """``stacked_mnist`` (digits from TFDS mnist) or ``stacked_mnist:SOURCE`` (any labelled grayscale
    source, e.g. an IDX folder): ``num_samples`` stacked images (uint8) and their 1000 mode labels."""
    source = name.partition(":")[2] or "mnist"
    if source in TOY or _looks_like_path(source) or tf.io.gfile.exists(source):
        x, y, _ = load_arrays(source, split)
    else:
        ds, has_labels = load_tfds(source, split=split, data_dir=data_dir, download=download)
        x, y = (np.stack(a) for a in zip(*ds.as_numpy_iterator()))
    if y is None:
        raise DataError(f"{source} has no labels; stacked MNIST needs the digit of every image.")
    return stack_digits(x, y, num_samples, seed)


def load_arrays(name, split="train", image_size=None, channels=None, num_samples=100_000, seed=0):
    """(x, y or None, kind) held in memory, for the sources that are arrays or files."""
    if _is_stacked(name):
        x, y = load_stacked_mnist(name, split, num_samples, seed)
        return x, y, "image"
    if name in TOY:
        x, y = load_toy(name, num_samples=num_samples, seed=seed)
        return x, y, "points"
    if not tf.io.gfile.exists(name):
        raise FileNotFoundError(
            f"{name!r} does not exist. Give an existing folder of IDX files or images, an .npz file, "
            f"a toy distribution ({', '.join(TOY)}) or a TFDS dataset name."
        )
    if name.endswith(".npz"):
        x, y = load_npz(name, channels)
    elif is_idx_dir(name):
        x, y = load_idx_dir(name, split)
    elif os.path.isfile(name) and "idx" in os.path.basename(name):
        x, y = read_idx(name)[..., None].astype(np.uint8), None
    elif tf.io.gfile.isdir(name):
        x, y = load_image_folder(name, image_size=image_size, channels=channels)
    else:
        raise DataError(f"{name}: not an .npz file, an IDX file or a folder of images or IDX files.")
    return x, y, "points" if x.ndim == 2 else "image"


def load(
    name_or_path,
    split="train",
    image_size=None,
    batch_size=64,
    channels=None,
    resize="bilinear",
    shuffle=True,
    seed=None,
    data_dir=None,
    download=True,
    repeat=False,
    num_samples=100_000,
    zca=None,
    zca_samples=10_000,
    cache=None,
    skip_bad_files=False,
    labels=None,
):
    """A ``tf.data.Dataset`` of batches for GAN training.

    Images come as float32 in [-1, 1], [batch, H, W, C]; 2-D toy data as float32 [batch, D]. Batches
    have a static size (``drop_remainder=True``), are shuffled and prefetched; ``(x, labels)`` pairs
    when the source has labels. Sources, in the order they are tried:

    - ``"ring"`` / ``"grid"``: the 8- and 25-Gaussian mixtures (``num_samples`` points, fixed ``seed``);
    - ``"stacked_mnist"`` (from TFDS mnist) or ``"stacked_mnist:SOURCE"``: three digits as RGB, 1000 modes;
    - a path: a folder of IDX files (``train-images-idx3-ubyte.gz`` ...; ``split`` picks train/t10k),
      an ``.npz`` file (``x``, optional ``y``), or a folder of PNG/JPEG images (recursive; sub-folders
      are labels; ``channels`` converts mixed gray/RGB folders);
    - any other name: a TFDS dataset (``data_dir`` for a prepared copy, ``download=False`` offline).

    ``image_size`` resizes (``resize="bilinear"`` etc.) or pads (``resize="pad"``, e.g. MNIST to 32).
    ``zca=epsilon`` ZCA-whitens the samples (``keras_gans.data.ZCAWhitening``, fitted on the first
    ``zca_samples``); the fitted whitening is the dataset's attribute ``zca`` (its
    ``inverse_transform`` maps whitened values back), for pipelines of your own: ``GAN.fit`` refuses it,
    since sampling, export and evaluation do not un-whiten.

    An image folder streams (file names shuffled, images read and decoded in parallel); ``cache`` keeps
    the decoded images after the first pass: ``None`` (default) in memory when they need less than a
    quarter of the machine's memory, ``True`` / ``False``, or a file path for a cache on disk. A file that
    cannot be decoded stops the stream with its name (``keras_gans.data.find_bad_images`` lists them all);
    ``skip_bad_files=True`` skips such files instead (image folders only).

    ``labels``: ``None`` yields ``(x, labels)`` where the source has labels and ``x`` alone where it has none;
    ``True`` requires labels (a ``DataError`` names the sources that carry them); ``False`` drops them.
    Labels are int64 class indices, checked where they enter (whole numbers >= 0, one per sample). The
    dataset's attribute ``source_info`` says what the source holds: ``samples``, ``shape``, and for labelled
    data ``num_classes``, ``class_names`` (an image folder's sorted sub-folder names, TFDS's label names,
    an .npz file's ``class_names``, else "0", "1", ...) and, where the data are at hand, ``class_counts``.
    """
    _check_arguments(batch_size, image_size, channels)
    name = os.fspath(name_or_path)
    decode = None
    if _is_stacked(name):
        x, y = load_stacked_mnist(name, split, num_samples, seed or 0, data_dir, download)
        ds = tf.data.Dataset.from_tensor_slices((x, y))
        kind, has_labels, shuffle_buffer = "image", True, len(x)
        info = {"kind": f"stacked MNIST from {name.partition(':')[2] or 'mnist'}", "samples": len(x), "shape": x.shape[1:],
                **class_info(y, [f"{i:03d}" for i in range(1000)])}
    elif tf.io.gfile.isdir(name) and not is_idx_dir(name):
        check_single_split(name, split, "a folder of images")
        folder = ImageFolder(name, as_size(image_size) if resize != "pad" else None, channels, skip_bad_files)
        if len(folder) < batch_size:
            raise TooFewSamples(name, len(folder), batch_size)
        ds, decode, kind, has_labels, shuffle_buffer = folder.names(), folder.decode, "image", folder.labels is not None, len(folder)
        cache = _fits_in_memory(len(folder) * int(np.prod(folder.image_size)) * folder.channels) if cache is None else cache
        info = {"kind": "image folder", "samples": len(folder), "shape": folder.found_shape, "converted": folder.converted,
                **({} if folder.labels is None else class_info(folder.labels, folder.class_names))}
    elif name in TOY or _looks_like_path(name) or tf.io.gfile.exists(name):
        if not is_idx_dir(name):
            check_single_split(name, split, "a toy distribution" if name in TOY else "a file of samples")
        x, y, kind = load_arrays(name, split, as_size(image_size) if resize != "pad" else None, channels, num_samples, seed or 0)
        if len(x) < batch_size:
            raise TooFewSamples(name, len(x), batch_size)
        ds = tf.data.Dataset.from_tensor_slices((x, y if y is not None else np.zeros(len(x), np.int64)))
        has_labels = y is not None
        shuffle_buffer = len(x)
        names = npz_class_names(name) if name.endswith(".npz") and y is not None else None
        info = {"kind": "toy distribution" if name in TOY else "IDX folder" if is_idx_dir(name) else "array file",
                "samples": len(x), "shape": x.shape[1:], **({} if y is None else class_info(check_labels(y, len(x), name), names, name))}
    else:
        ds, has_labels = load_tfds(name, split=split, data_dir=data_dir, download=download)
        info = ds.source_info
        if not has_labels:
            ds = ds.map(lambda img, _: (img, tf.constant(0, tf.int64)))
        kind, shuffle_buffer = "image", 10_000
    if labels and not has_labels:
        raise no_labels(name)
    has_labels = has_labels and labels is not False
    batches = batch_pipeline(
        ds,
        kind,
        has_labels,
        batch_size=batch_size,
        image_size=image_size,
        channels=channels,
        resize=resize,
        shuffle=shuffle,
        shuffle_buffer=shuffle_buffer,
        seed=seed,
        repeat=repeat,
        cache=bool(cache) if not isinstance(cache, str) else cache,
        decode=decode,
        skip_errors=bool(skip_bad_files) and decode is not None,
    )
    if zca is not None:
        batches = _whitened(batches, float(zca), zca_samples, batch_size, has_labels)
    batches.source_info = info  # what the source holds, for a summary (keras-gans train prints it)
    return batches


def _fits_in_memory(nbytes, fraction=0.25):
    """Whether ``nbytes`` is under ``fraction`` of this machine's physical memory."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # no sysconf: stream
        return False
    return nbytes < fraction * total


def _check_arguments(batch_size, image_size, channels):
    """Arguments of ``load`` checked where they enter, each with what to give instead."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise DataError(f"batch_size must be a whole number >= 1, got {batch_size!r}.")
    if channels is not None and channels not in (1, 3):
        raise DataError(f"channels must be 1 (grayscale) or 3 (RGB), got {channels!r}.")
    if image_size is not None:
        sizes = [image_size] if isinstance(image_size, (int, np.integer)) else list(image_size)
        if len(sizes) not in (1, 2) or any(isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1 for s in sizes):
            raise DataError(f"image_size must be a positive whole number or (height, width), got {image_size!r}.")


def _whitened(batches, epsilon, n, batch_size, has_labels):
    from keras_gans.data.zca import ZCAWhitening

    first = [b[0] if has_labels else b for b in batches.take(max(1, -(-n // batch_size)))]
    whitening = ZCAWhitening(epsilon).fit(np.concatenate([np.asarray(b) for b in first])[:n])
    out = batches.map((lambda x, y: (whitening.transform(x), y)) if has_labels else whitening.transform)
    out.zca = whitening
    return out
