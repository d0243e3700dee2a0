"""How well a conditional generator obeys its labels: the share of its samples that a classifier of the
data assigns to the class they were drawn for (the "classification accuracy" of ACGAN, Odena et al. 2017,
sec. 4.2, and of StudioGAN's conditional benchmarks), overall and per class."""

import numpy as np


def class_accuracy(logits, labels):
    """``{"accuracy": share of argmax(logits) == labels, "per_class": {class: share}}`` for classifier
    ``logits`` [N, K] of samples drawn for ``labels`` [N] (classes without samples are left out of
    ``per_class``)."""
    logits, labels = np.asarray(logits), np.asarray(labels).astype(np.int64)
    if logits.ndim != 2 or labels.shape != (len(logits),):
        raise ValueError(f"class_accuracy takes logits [N, K] and labels [N], got {logits.shape} and {labels.shape}.")
    if len(labels) and (labels.min() < 0 or labels.max() >= logits.shape[1]):
        raise ValueError(f"labels must lie in [0, {logits.shape[1]}) for a classifier of {logits.shape[1]} classes; "
                         f"found {int(labels.min())}..{int(labels.max())}.")
    right = np.argmax(logits, axis=1) == labels
    per_class = {int(c): float(right[labels == c].mean()) for c in np.unique(labels)}
    return {"accuracy": float(right.mean()) if len(right) else float("nan"), "per_class": per_class}
