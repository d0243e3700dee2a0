"""One evaluation of a generator against real data: generated samples, their features, the cached
reference statistics, and the metrics asked for by name (``METRICS``)."""

import functools

import numpy as np

from keras_gans.metrics.class_accuracy import class_accuracy
from keras_gans.metrics.class_modes import class_modes, stacked_mnist_modes
from keras_gans.metrics.fid import fid_from_statistics
from keras_gans.metrics.inception_score import inception_score_from_logits
from keras_gans.metrics.intra_fid import intra_fid
from keras_gans.metrics.kid import kid_from_activations
from keras_gans.metrics.mixture_modes import gaussian_mixture_modes
from keras_gans.metrics.mmd import mmd
from keras_gans.metrics.path_length import perceptual_path_length
from keras_gans.metrics.precision_recall import precision_recall
from keras_gans.metrics.reference_statistics import ReferenceStatistics
from keras_gans.metrics.registry import METRICS, register_metric
from keras_gans.metrics.sliced_wasserstein import sliced_wasserstein


class Evaluation:
    """``Evaluation(gan, real_samples, extractor, n, ...)``; ``run(["fid", "kid"])`` -> dict.

    - ``real_samples``: a function ``n -> [n, ...]`` real samples in [-1, 1] (called only when the
      reference statistics are not cached);
    - ``reference_key``: (dataset, split) naming the cache entry; ``cache_dir`` where it lives;
    - ``mixture``: (centers, std) of a toy Gaussian mixture, for ``modes`` on 2-D data;
    - ``mode_classifier``: a ``DomainClassifier`` for ``modes`` on images (per channel on stacked MNIST);
    - ``reference``: ``ReferenceStatistics`` to use instead of the cache;
    - ``labelled_real_samples``: a function ``n -> (images, labels)`` (a conditional GAN's ``intra_fid``).

    A conditional GAN's samples are drawn for labels from its ``label_distribution`` (seeded by ``seed``):
    ``accuracy`` is the share the classifier (``mode_classifier``) assigns to those labels, ``intra_fid`` the
    mean over classes of each class's FID; FID, KID, precision and recall score the pooled samples.

    Args:
        gan: the trained GAN (its sampling generator is scored).
        real_samples: a function ``n -> [n, ...]`` of real samples in [-1, 1].
        extractor: a ``FeatureExtractor``.
        n: generated (and real) samples.
        seed: seed of the latents.
        reference_key: (dataset, split) naming the cache entry.
        cache_dir: where reference statistics are cached.
        mixture: (centers, std) of a toy Gaussian mixture, for ``modes``.
        mode_classifier: a ``DomainClassifier`` for ``modes`` on images.
        progress: show a progress bar.
        reference: ``ReferenceStatistics`` to use instead of the cache.
        labelled_real_samples: a function ``n -> (images, labels)`` of real samples with their classes.

    Returns:
        ``run(metrics)`` -> ``{metric: value}``.

    Example:
        >>> Evaluation(gan, real_samples, IdentityExtractor(), n=2000).run(["mmd", "swd"])
    """

    def __init__(self, gan, real_samples, extractor, n=10_000, seed=0, reference_key=("data", "train"), cache_dir=None,
                 mixture=None, mode_classifier=None, progress=False, reference=None, labelled_real_samples=None):
        self.gan, self.real_samples, self.extractor = gan, real_samples, extractor
        self.labelled_real_samples = labelled_real_samples
        self.n, self.seed, self.reference_key, self.cache_dir = int(n), seed, reference_key, cache_dir
        self.mixture, self.mode_classifier, self.progress = mixture, mode_classifier, progress
        if reference is not None:  # statistics already at hand (a callback evaluating repeatedly)
            self.__dict__["reference"] = reference.check_extractor(extractor.id)

    @functools.cached_property
    def labels(self):
        """The classes the samples are drawn for (a conditional GAN), else None."""
        if not getattr(self.gan, "conditional", False):
            return None
        return self.gan.labels_for(self.n, None, self.seed)

    @functools.cached_property
    def samples(self):
        return self.gan.generate(n=self.n, seed=self.seed, labels=self.labels)

    @functools.cached_property
    def class_reference(self):
        """(features, labels) of ``n`` real samples with their classes (intra-FID)."""
        if self.labelled_real_samples is None:
            raise ValueError("intra_fid needs real samples with their labels: a labelled dataset and a conditional GAN.")
        images, labels = self.labelled_real_samples(self.n)
        return self.extractor(images, progress=self.progress)[0], labels

    @functools.cached_property
    def _fake(self):
        return self.extractor(self.samples, progress=self.progress)

    @property
    def fake_features(self):
        return self._fake[0]

    @property
    def fake_logits(self):
        if self._fake[1] is None:
            raise ValueError(f"the extractor {self.extractor.id} gives no logits: the Inception Score needs a classifier.")
        return self._fake[1]

    @functools.cached_property
    def reference(self):
        dataset, split = self.reference_key
        compute = lambda: self.extractor(self.real_samples(self.n), progress=self.progress)[0]  # noqa: E731
        return ReferenceStatistics.cached(self.extractor.id, dataset, split, self.n, compute, self.cache_dir)

    def run(self, names):
        results = {}
        for name in names:
            results.update(METRICS.get(name)(self))
        return results


@register_metric("fid")
def _fid(ev):
    f = ev.fake_features
    return {"fid": fid_from_statistics(ev.reference.mean, ev.reference.cov, f.mean(0), np.cov(f, rowvar=False))}


@register_metric("kid")
def _kid(ev):
    mean, std = kid_from_activations(ev.reference.features, ev.fake_features)
    return {"kid": mean, "kid_std": std}


@register_metric("is")
def _is(ev):
    return {"is": inception_score_from_logits(ev.fake_logits)}


@register_metric("pr")
def _pr(ev):
    return precision_recall(ev.reference.features, ev.fake_features, k=3)


@register_metric("mmd")
def _mmd(ev):
    return {"mmd": mmd(ev.reference.features, ev.fake_features)}


@register_metric("swd")
def _swd(ev):
    return {"swd": sliced_wasserstein(ev.reference.features, ev.fake_features)}


@register_metric("modes")
def _modes(ev):
    if ev.mixture is not None:
        out = gaussian_mixture_modes(ev.samples, *ev.mixture)
    elif ev.samples.ndim == 4 and ev.samples.shape[-1] == 3 and ev.mode_classifier is not None:
        out = stacked_mnist_modes(ev.samples, ev.mode_classifier)
    elif ev.mode_classifier is not None:
        logits = ev.mode_classifier.logits(ev.samples)
        out = class_modes(np.argmax(logits, 1), logits.shape[1])
    else:
        raise ValueError("'modes' needs a toy mixture (ring/grid) or a domain classifier of the data's classes.")
    out.pop("counts")
    return out


def _conditional(ev, metric):
    if ev.labels is None:
        raise ValueError(f"'{metric}' scores a conditional GAN's classes; this GAN is unconditional.")


@register_metric("accuracy")
def _accuracy(ev):
    _conditional(ev, "accuracy")
    if ev.mode_classifier is None:
        raise ValueError("'accuracy' needs a classifier of the data's classes (the packaged MNIST classifier for digits).")
    logits = ev.mode_classifier.logits(ev.samples)
    if logits.shape[1] != ev.gan.num_classes:
        raise ValueError(f"the classifier has {logits.shape[1]} classes, the GAN {ev.gan.num_classes}: 'accuracy' needs a "
                         "classifier of the GAN's own classes.")
    out = class_accuracy(logits, ev.labels)
    return {"accuracy": out["accuracy"], "accuracy_per_class": out["per_class"]}


@register_metric("intra_fid")
def _intra_fid(ev):
    _conditional(ev, "intra_fid")
    real_features, real_labels = ev.class_reference
    out = intra_fid(real_features, real_labels, ev.fake_features, ev.labels)
    return {"intra_fid": out["intra_fid"], "intra_fid_per_class": out["per_class"]}


@register_metric("ppl")
def _ppl(ev):
    interpolation = "lerp" if getattr(ev.gan, "latent_distribution", "normal") == "uniform" else "slerp"
    value = perceptual_path_length(
        lambda z: ev.gan.generate(z=z), ev.extractor.features, ev.gan.latent_dim, n=min(ev.n, 2000),
        interpolation=interpolation, seed=ev.seed,
    )
    return {"ppl": value}


def metric_names():
    return METRICS.names()
