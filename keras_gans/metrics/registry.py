"""Metrics by name for ``keras-gans eval`` and ``MetricsCallback``: each takes an ``Evaluation`` (which
computes and caches samples, features and reference statistics on demand) and returns a dict of numbers."""

from keras_gans.registry import Registry

METRICS = Registry("metric")
register_metric = METRICS.register
