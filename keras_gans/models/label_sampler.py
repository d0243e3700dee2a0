"""The labels a conditional GAN draws for its fakes (``model.label_distribution``): ``uniform`` over the
classes, or ``data``, the training set's class frequencies (StudioGAN's and StyleGAN2-ADA's choice for
unbalanced data: G is asked for each class as often as D sees it)."""

import numpy as np
from keras import ops

from keras_gans.checks import ConfigError
from keras_gans.distribute import global_uniform

LABEL_DISTRIBUTIONS = ("uniform", "data")


class LabelSampler:
    """``LabelSampler(num_classes, distribution="uniform", class_counts=None)``; ``draw(n, seed)`` -> int32 [n].

    Draws by inverting the cumulative class probabilities at one global uniform per sample (the same
    draw on every replica, each taking its slice, as the latents are drawn).

    Args:
        num_classes: the number of classes (>= 2).
        distribution: ``uniform`` or ``data``.
        class_counts: the training set's count per class (``data``; ``keras_gans.data.load(...).source_info``).

    Returns:
        ``draw(n, seed_generator)`` -> int32 labels [n] in [0, num_classes).

    Example:
        >>> labels = LabelSampler(10, "data", counts).draw(64, gan.seed_generator)
    """

    def __init__(self, num_classes, distribution="uniform", class_counts=None):
        if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)) or num_classes < 2:
            raise ConfigError(f"num_classes must be a whole number >= 2, got {num_classes!r}.")
        if distribution not in LABEL_DISTRIBUTIONS:
            raise ConfigError(f"model.label_distribution must be one of {', '.join(LABEL_DISTRIBUTIONS)}, got {distribution!r}.")
        self.num_classes, self.distribution = int(num_classes), distribution
        if distribution == "uniform":
            self.probabilities = np.full(self.num_classes, 1.0 / self.num_classes)
            return
        counts = None if class_counts is None else np.asarray(class_counts, np.float64)
        if counts is None or counts.shape != (self.num_classes,) or (counts < 0).any() or counts.sum() <= 0:
            raise ConfigError(f"model.label_distribution='data' needs the training set's {self.num_classes} class counts "
                              f"(>= 0, not all 0), got {class_counts!r}.")
        self.probabilities = counts / counts.sum()

    def draw(self, n, seed):
        u = global_uniform((n,), seed)
        edges = ops.convert_to_tensor(np.cumsum(self.probabilities)[:-1], "float32")
        return ops.cast(ops.sum(ops.cast(u[:, None] >= edges[None, :], "int32"), axis=1), "int32")
