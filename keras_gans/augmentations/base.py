"""The seam of transforms applied to everything the discriminator sees (real and generated samples,
in D's and in G's updates): instance noise, differentiable augmentation. Each is a serializable callable
``t(x, step, seed) -> x`` registered by name; random draws are made for the global batch and sliced per
replica, so training is the same on 1 and N replicas."""

from keras_gans.component import Component
from keras_gans.registry import Registry

D_INPUT_TRANSFORMS = Registry("discriminator input transform")


class InputTransform(Component):
    """A transform of everything D sees, ``t(x, step, seed) -> x`` (``step``: D's step counter, ``seed``: the
    model's seed generator), registered by name with ``register_transform``.

    Returns:
        ``x`` transformed, the same shape and dtype.

    Example:
        >>> @register_transform("flip")
        ... class Flip(InputTransform):
        ...     def __call__(self, x, step, seed):
        ...         return x[:, :, ::-1]
    """

    section = "d_input_transforms"

    def __call__(self, x, step, seed):
        raise NotImplementedError

    def observe(self, real_logits):
        """Sees D's logits on the (transformed) real batch of every D update; adaptive transforms use it."""

    def policy_names(self, policy, known):
        """``policy`` ("color,translation") checked against the ``known`` operations."""
        if not isinstance(policy, str):
            raise self._policy_error(policy, known)
        unknown = [p for p in policy.split(",") if p and p not in known]
        if unknown:
            raise self._policy_error(policy, known, unknown)
        return policy

    def _policy_error(self, policy, known, unknown=None):
        from keras_gans.checks import ConfigError, key_hint

        what = f"names unknown operations {', '.join(unknown)}" if unknown else f"must be a string, got {policy!r}"
        return ConfigError(f"{key_hint(self.key('policy'))} {what}; use a comma-separated list of {', '.join(known)}.")


def register_transform(name):
    return D_INPUT_TRANSFORMS.register_class(name)


def get_transform(identifier):
    return D_INPUT_TRANSFORMS.instantiate(identifier, InputTransform)
