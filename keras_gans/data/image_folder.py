"""A folder of PNG / JPEG images, searched recursively; sub-folder names become labels.

The folder streams: only the file names are held in memory (shuffled, then read and decoded in parallel by
``tf.data``), so a folder larger than memory trains like a small one. The channel count and, without
``image_size``, the image size are read from a sample of the files before training; a file that breaks
them later stops the stream with a message that names the fix."""

import os

import numpy as np
import tensorflow as tf

from keras_gans.data.errors import DataError

EXTENSIONS = (".png", ".jpg", ".jpeg")
SAMPLE = 256  # files decoded up front to find the channel count and the size
DECODE_CHECK = "keras_gans: not an image file"
IMAGE_SIGNATURES = [b"\x89PNG", b"\xff\xd8", b"GIF8", b"BM"]  # PNG, JPEG, GIF, BMP: what decode_image reads
SKIP_ADVICE = ("remove or replace it, or skip every such file with skip_bad_files=True (CLI: --set "
               "dataset.skip_bad_files=true)")


def list_images(path):
    """The image files under ``path``, sorted (``tf.io.gfile``: local folders and ``gs://`` alike). Folders that
    hold a keras-gans run (a ``config.json`` beside ``checkpoints/``) are skipped: their sample grids are no
    training data."""
    files, runs = [], []
    for root, dirs, names in tf.io.gfile.walk(path):
        if any(root == r or root.startswith(r.rstrip("/") + "/") for r in runs):
            continue
        if "config.json" in names and any(d.rstrip("/") == "checkpoints" for d in dirs):
            runs.append(root)
            continue
        files += [os.path.join(root, n) for n in names if n.lower().endswith(EXTENSIONS)]
    return sorted(files)


class ImageFolder:
    """The files, labels, channel count and size of a folder of images (nothing decoded but a sample)."""

    def __init__(self, path, image_size=None, channels=None, skip_bad_files=False):
        self.path, self.files, self.skip_bad_files = path, list_images(path), skip_bad_files
        if not self.files:
            raise DataError(f"No PNG or JPEG images under {path} (searched recursively for {', '.join(EXTENSIONS)}).")
        self.labels, self.class_names = _labels(path, self.files)
        step = max(1, len(self.files) // SAMPLE)
        sample = self.files[::step][:SAMPLE]
        shapes = {}
        for f in sample:
            try:
                shapes[f] = tuple(_decode(tf.io.read_file(f), f).shape)
            except DataError:
                if not skip_bad_files:
                    raise
        if not shapes:
            raise DataError(f"None of the {len(sample)} images sampled under {path} can be decoded.")
        found = sorted({s[-1] for s in shapes.values()})
        if channels is None and len(found) > 1:
            examples = {c: next(f for f, s in shapes.items() if s[-1] == c) for c in found}
            raise DataError(
                f"Images under {path} have mixed channel counts {found} (e.g. {examples}). "
                "Pass channels=1 or channels=3 (CLI: --set dataset.channels=3) to convert them all."
            )
        self.channels = channels or (3 if found[0] == 4 else found[0])
        sizes = {s[:2] for s in shapes.values()}
        if image_size is None and len(sizes) > 1:
            raise DataError(f"Images under {path} have {len(sizes)} different sizes (e.g. {sorted(sizes)[:3]}); "
                            "pass image_size=(H, W) to resize them.")
        self.image_size = tuple(image_size) if image_size is not None else next(iter(sizes))
        self.resized = image_size is not None
        # what the sample found: one size and channel count (H, W, C), or None for each that varies
        self.found_shape = (*(next(iter(sizes)) if len(sizes) == 1 else (None, None)), found[0] if len(found) == 1 else None)
        self.converted = [c for c in found if c != self.channels]  # channel counts converted to self.channels

    def __len__(self):
        return len(self.files)

    def names(self):
        """A dataset of (file name, label): what the pipeline shuffles before decoding."""
        labels = self.labels if self.labels is not None else np.zeros(len(self.files), np.int64)
        return tf.data.Dataset.from_tensor_slices((self.files, labels))

    def decode(self, name, label):
        """(uint8 [H, W, C] image, label) of one file name, at the folder's size and channel count. A file
        that is empty or holds no PNG / JPEG / GIF / BMP data stops the stream with its name (``DECODE_CHECK``)."""
        contents = tf.io.read_file(name)
        four, two = tf.strings.substr(contents, 0, 4), tf.strings.substr(contents, 0, 2)
        known = tf.reduce_any([tf.equal(four if len(sig) == 4 else two, sig) for sig in IMAGE_SIGNATURES])
        with tf.control_dependencies([tf.debugging.Assert(known, [DECODE_CHECK, name])]):
            contents = tf.identity(contents)
        # the decoders convert gray <-> RGB and drop alpha themselves
        image = tf.io.decode_image(contents, channels=self.channels, expand_animations=False)
        if self.resized:  # only the images of another size: resizing costs more than decoding
            same = tf.reduce_all(tf.shape(image)[:2] == tf.constant(self.image_size, tf.int32))
            image = tf.cond(same, lambda: image, lambda: tf.cast(
                tf.round(tf.image.resize(image, self.image_size, antialias=True)), tf.uint8))
        else:
            check = tf.debugging.assert_equal(
                tf.shape(image)[:2], tf.constant(self.image_size, tf.int32),
                message=f"an image under {self.path} differs in size from the others {self.image_size}; pass "
                        "image_size=(H, W) (CLI: --set dataset.image_size=H) to resize them all")
            with tf.control_dependencies([check]):
                image = tf.identity(image)
        return tf.ensure_shape(image, (*self.image_size, self.channels)), label

    def arrays(self):
        """(images [N, H, W, C] uint8, labels or None), all decoded in memory (for small folders)."""
        images = [self.decode(f, 0)[0].numpy() for f in self.files]
        return np.stack(images), self.labels


def find_bad_images(path, limit=10):
    """[(file, reason)] for up to ``limit`` files under ``path`` that cannot be read or decoded (each file is
    decoded in turn: what a stream that stopped on a broken image uses to name it)."""
    from tqdm.auto import tqdm

    bad = []
    for f in tqdm(list_images(path), desc=f"looking for broken images under {path}", unit="file", leave=False):
        try:
            _decode(tf.io.read_file(f), f)
        except (DataError, tf.errors.OpError) as e:
            bad.append((f, str(e).split(": ", 1)[-1].split(";")[0]))
            if len(bad) >= limit:
                break
    return bad


def load_image_folder(path, image_size=None, channels=None):
    """(images [N, H, W, C] uint8, labels or None) decoded in memory. Images of several sizes need ``image_size``."""
    return ImageFolder(path, image_size, channels).arrays()


def _decode(contents, name=None):
    try:
        return tf.io.decode_image(contents, expand_animations=False)
    except tf.errors.InvalidArgumentError as e:
        raise DataError(f"Cannot decode {name}: {op_message(e)}; {SKIP_ADVICE}.") from None


def op_message(error):
    """A TensorFlow op error's own words, without the function and op names around them."""
    import re

    text = getattr(error, "message", str(error))
    return re.sub(r"\{\{function_node [^}]*\}\}\s*|\s*\[Op:\w+\].*$", "", text.strip().splitlines()[0]).strip()


def _labels(path, files):
    """(labels, class names): one class per top-level sub-folder, the names sorted; (None, None) when some
    image lies directly in ``path``."""
    tops = [os.path.relpath(f, path).split(os.sep) for f in files]
    if any(len(t) < 2 for t in tops):
        return None, None
    classes = sorted({t[0] for t in tops})
    index = {c: i for i, c in enumerate(classes)}
    return np.array([index[t[0]] for t in tops], np.int64), classes
