"""Class conditioning of the GAN step: an unconditional GAN is the case with no labels. The labels of a real
batch ride beside its images, the labels of a fake batch are drawn with its latents (``LabelSampler``), and
every call of a network is made through ``bound(network, labels)``, which is the network itself when there
are no labels; so the one ``train_step``, the regularisers, the replay buffer, EMA and sampling serve both."""

import numpy as np
import tensorflow as tf

from keras_gans.checks import ConfigError
from keras_gans.models.label_sampler import LabelSampler


def sample_input_shape(network):
    """The shape (batch first) of the samples ``network`` takes: its only input's, or the first of
    ``[input, labels]``."""
    shape = network.input_shape
    return tuple(shape[0] if isinstance(shape, list) else shape)


def takes_labels(network):
    """Whether ``network`` takes ``[input, labels]`` (a conditional network of ``keras_gans.networks``)."""
    inputs = getattr(network, "inputs", None)
    if inputs is not None:
        return len(inputs) == 2
    return bool(getattr(network, "num_classes", None))  # a subclassed network says it itself


class Labelled:
    """``network`` with class labels bound: called as the unconditional network is (``net(x, training=...)``),
    it runs ``network([x, labels])``; any other attribute is the network's. Labels of rank 0 (one class) are
    given to every sample; a batch ``k`` times as long as the labels (consistency regularisation joins a batch
    with its augmented copy) gets them repeated ``k`` times."""

    def __init__(self, network, labels):
        self.network, self.labels = network, tf.cast(labels, tf.int32)

    def __call__(self, x, training=False, **kwargs):
        x = tf.convert_to_tensor(x)
        n = tf.shape(x)[0]
        if self.labels.shape.rank == 0:
            labels = tf.fill([n], self.labels)
        elif x.shape[0] is not None and x.shape[0] == self.labels.shape[0]:
            labels = self.labels
        else:
            labels = tf.tile(self.labels, [n // tf.shape(self.labels)[0]])
        return self.network([x, labels], training=training, **kwargs)

    def __getattr__(self, name):
        return getattr(self.network, name)


def bound(network, labels):
    """``network`` called on ``[x, labels]`` (a ``Labelled``), or ``network`` itself when ``labels`` is None."""
    return network if labels is None else Labelled(network, labels)


class Conditioning:
    """Mixed into ``GAN``: ``num_classes`` (None: unconditional), the labels of a batch, the labels drawn for
    fakes (``model.label_distribution``) and the labels asked of ``generate``."""

    def set_conditioning(self, num_classes=None, label_distribution="uniform", class_counts=None, class_names=None,
                         mixture=False):
        """``mixture``: G's second input is the index of its generator (MGAN), not a class."""
        conditional = [takes_labels(self.generator) and not mixture, takes_labels(self.discriminator)]
        if num_classes is None and any(conditional):
            which = " and ".join(n for n, c in zip(("the generator", "the discriminator"), conditional) if c)
            raise ConfigError(f"{which} takes class labels, so the GAN needs num_classes (model.num_classes; "
                              "--set conditional=true reads it from the data).")
        self.num_classes = None if num_classes is None else int(num_classes)
        self.d_takes_labels = conditional[1]
        self.label_distribution, self.class_counts = label_distribution, class_counts
        self.label_sampler = None
        if num_classes is not None:
            self.label_sampler = LabelSampler(num_classes, label_distribution, class_counts)
            self.class_counts = None if class_counts is None else [int(c) for c in class_counts]
        if class_names is not None and (num_classes is None or len(class_names) != num_classes):
            raise ConfigError(f"model.class_names must name each of the {num_classes} classes, got {len(class_names)} names.")
        self.class_names = None if class_names is None else [str(c) for c in class_names]

    @property
    def discriminator_sample_shape(self):
        """The shape of one sample D takes (no batch axis)."""
        return sample_input_shape(self.discriminator)[1:]

    @property
    def conditional(self):
        return self.num_classes is not None

    def conditioning_config(self):
        return {"num_classes": self.num_classes, "label_distribution": self.label_distribution,
                "class_counts": self.class_counts, "class_names": self.class_names}

    MAX_CLASS_ROWS = 20

    def grid_labels(self, n, per_class):
        """(labels, row names) of a sample grid of a conditional GAN: ``per_class`` samples of each class, a
        captioned row each, up to ``MAX_CLASS_ROWS`` classes; beyond, ``n`` samples of the classes in turn
        (no rows)."""
        k = self.num_classes
        if k > self.MAX_CLASS_ROWS:
            return np.arange(n) % k, None
        return np.repeat(np.arange(k), per_class), [self.class_name(c) for c in range(k)]

    def class_name(self, label):
        """The name of class ``label`` (its index where the data named none)."""
        return self.class_names[label] if self.class_names else str(label)

    def check_conditional_components(self, g_regularizers):
        """A generator regulariser that cannot take labels is refused by a conditional GAN, by name."""
        refused = [r.name for r in g_regularizers if self.conditional and not r.conditional]
        if refused:
            raise ConfigError(f"g_regularizers {', '.join(refused)} cannot condition on labels yet; drop them from a "
                              "conditional GAN.")

    def split_batch(self, images, labels):
        """``(images, labels)`` of a batch: labels int32, or None for an unconditional GAN (which ignores them)."""
        if not self.conditional:
            return images, None
        if labels is None:
            raise ValueError("this GAN is conditional (num_classes "
                             f"{self.num_classes}) and needs (images, labels) batches: load the data with "
                             "keras_gans.data.load(..., labels=True), or fit(x, y).")
        return images, tf.cast(labels, tf.int32)

    def sample_labels(self, batch):
        """Labels for a fake batch of this replica (None for an unconditional GAN): drawn for the global batch
        from ``label_distribution`` with the model's seed, then sliced, as the latents are; a mixture of
        generators (MGAN) draws the generator of each fake uniformly the same way."""
        mixture = getattr(self, "_mixture", None)
        sampler = mixture.sampler if mixture is not None else self.label_sampler
        return None if sampler is None else sampler.draw(batch, self.seed_generator)

    @property
    def generator_inputs(self):
        """What G's second input counts: the classes, the generators of a mixture, or None (G takes z only)."""
        mixture = getattr(self, "_mixture", None)
        return mixture.generators if mixture is not None else self.num_classes

    def g_labels_for(self, n, labels=None, generator=None, seed=None):
        """G's second input for ``n`` samples of ``generate``: class labels (``labels_for``), or the generator of
        each sample of a mixture (``generator``, else drawn uniformly)."""
        mixture = getattr(self, "_mixture", None)
        if mixture is None:
            if generator is not None:
                raise ValueError("this GAN has one generator: generator= needs a mixture of generators (model.mixture).")
            return self.labels_for(n, labels, seed)
        if labels is not None:
            raise ValueError("a mixture of generators takes generator=k (which generator), not class labels.")
        return mixture.indices_for(n, generator, seed)

    def generate_arguments(self, values):
        """``generate``'s keyword for G's second input ``values``: ``labels`` (classes) or ``generator`` (a mixture)."""
        if values is None:
            return {}
        return {"generator" if getattr(self, "_mixture", None) is not None else "labels": values}

    def grid_rows(self, n, per_row):
        """(G's second input, row names) of a sample grid: a row per class (``grid_labels``) or per generator of a
        mixture; (None, None) for a GAN whose G takes z only."""
        mixture = getattr(self, "_mixture", None)
        if mixture is not None:
            k = mixture.generators
            if k > self.MAX_CLASS_ROWS:
                return np.arange(n) % k, None
            return np.repeat(np.arange(k), per_row), [f"generator {j}" for j in range(k)]
        if self.conditional:
            return self.grid_labels(n, per_row)
        return None, None

    def labels_for(self, n, labels=None, seed=None):
        """The labels of ``n`` samples asked of ``generate``: ``labels`` (an int for all, or one per sample),
        or, when None, drawn from ``label_distribution`` (NumPy, seeded by ``seed``); None unconditioned."""
        if not self.conditional:
            if labels is not None:
                raise ValueError("this GAN is unconditional: it takes no labels. Train a conditional one "
                                 "(--set conditional=true, or a *_conditional preset).")
            return None
        if labels is None:
            rng = np.random.default_rng(None if seed is None else seed + 1)
            return rng.choice(self.num_classes, size=n, p=self.label_sampler.probabilities).astype(np.int32)
        y = np.asarray(labels)
        if y.ndim == 0:
            y = np.full(n, y)
        if y.ndim != 1 or len(y) != n:
            raise ValueError(f"labels must be one class index or one per sample ({n}), got shape {y.shape}.")
        if not (np.issubdtype(y.dtype, np.integer) or (np.issubdtype(y.dtype, np.floating) and (y == np.round(y)).all())):
            raise ValueError(f"labels must be whole numbers (class indices), got {y.dtype} values.")
        if len(y) and (y.min() < 0 or y.max() >= self.num_classes):
            bad = y[(y < 0) | (y >= self.num_classes)][0]
            raise ValueError(f"label {int(bad)} is out of range: this GAN has {self.num_classes} classes, 0..{self.num_classes - 1}.")
        return y.astype(np.int32)
