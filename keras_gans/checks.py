"""Value checks shared by the places where values enter (preset resolution, the GAN's constructor, the
callbacks): each names the key, the value it got and what to give. TensorFlow-free."""

import math
import numbers

NONFINITE_POLICIES = ("stop", "skip", "rollback")
PRECISIONS = ("auto", "float32", "mixed_bfloat16", "mixed_float16")

ZCA_REFUSED = (
    "ZCA-whitened data cannot train a GAN here: sampling, export and evaluation do not un-whiten, so a run would "
    "sample, export and score whitened images, and the image generators end in tanh ([-1, 1]), which whitened "
    "pixels exceed. Train on the data as it is (keras_gans.data.load without zca=); keras_gans.data.ZCAWhitening "
    "stays available for your own pipelines, with inverse_transform to map whitened values back.")


class ConfigError(ValueError):
    """A value that cannot work; the message names the key and what to give instead."""


def key_hint(key):
    """How a user sets ``key``, for messages."""
    return f"{key} (zoo.load(..., **{{{key!r}: ...}}) or --set {key}=...)"


def as_int(value, key, minimum=None):
    """``value`` as an int >= ``minimum``: ints, whole floats and numeric strings pass; else ConfigError."""
    if isinstance(value, bool):
        raise ConfigError(f"{key_hint(key)} must be a whole number, got {value!r}.")
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ConfigError(f"{key_hint(key)} must be a whole number, got {value!r}.") from None
    if not isinstance(value, numbers.Real) or not math.isfinite(value) or value != int(value):
        raise ConfigError(f"{key_hint(key)} must be a whole number, got {value!r}.")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ConfigError(f"{key_hint(key)} must be >= {minimum}, got {value}.")
    return value


def as_float(value, key, low=None, high=None, low_open=False, high_open=False):
    """``value`` as a finite float in the interval given; else ConfigError."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ConfigError(f"{key_hint(key)} must be a number, got {value!r}.") from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ConfigError(f"{key_hint(key)} must be a finite number, got {value!r}.")
    value = float(value)
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise ConfigError(f"{key_hint(key)} must lie in {interval}, got {value!r}.")
    return value


def nonfinite_policy(value, key="model.on_nonfinite"):
    """``(policy, limit)`` from ``"stop" | "skip" | "rollback"`` or ``{"policy": ..., "limit": k}``."""
    spec = {"policy": value} if isinstance(value, str) or value is None else dict(value)
    policy = spec.pop("policy", "stop") or "stop"
    limit = as_int(spec.pop("limit", 3 if policy == "rollback" else 20), key + ".limit", 1)
    if spec:
        raise ConfigError(f"{key} takes 'policy' and 'limit', not {', '.join(map(repr, spec))}.")
    if policy not in NONFINITE_POLICIES:
        raise ConfigError(f"{key} must be one of {', '.join(NONFINITE_POLICIES)}, got {policy!r}.")
    return policy, limit
