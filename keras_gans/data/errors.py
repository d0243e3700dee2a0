class DataError(ValueError):
    """A dataset that cannot be used as given; the message says what to do instead."""


class TooFewSamples(DataError):
    """A source that holds fewer samples (``count``) than one batch (``batch_size``)."""

    def __init__(self, name, count, batch_size, message=None):
        self.count, self.batch_size = count, batch_size
        super().__init__(message or f"{name} holds {count} samples, fewer than one batch of {batch_size}; lower batch_size "
                         "(CLI: --batch-size).")

    @classmethod
    def for_evaluation(cls, name, count, n):
        """The same shortage met by an evaluation of ``n`` samples (``--n``)."""
        return cls(name, count, n, f"{name} holds {count} samples, fewer than the {n} real samples the metrics compare "
                                   f"with (eval: --n {n}; train: --eval-n): give {count} or fewer (metrics of different n are not "
                                   "comparable; FID and KID are biased at small n).")


def check_single_split(name, split, kind):
    """Image folders, .npz files and toy distributions hold one set of samples: a split other than train
    would silently score or train on those same samples."""
    if split != "train":
        raise DataError(f"{name} is {kind}, which holds one set of samples (no {split!r} split; only IDX folders and "
                        "TFDS datasets have splits): drop the split (eval: --split) to use its samples, or give "
                        "held-out samples a dataset of their own.")


class UndecodableImage(DataError):
    """An image file of a stream that cannot be read or decoded; ``named`` says whether the message names it
    (an empty or non-image file does; a damaged PNG / JPEG is found by ``keras_gans.data.find_bad_images``)."""

    def __init__(self, message, named=True):
        self.named = named
        super().__init__(message)
