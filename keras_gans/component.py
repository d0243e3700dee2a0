"""The one protocol of the GAN's components: discriminator and generator regularisers, transforms of D's
inputs, the replay buffer and the accuracy balance.

A component checks its own parameters where it is constructed (``number``, ``whole``: a ``ConfigError``
that names the preset key, e.g. ``regularizers.r1.weight``), so a new component adds no line to a central
list; creates its state in ``build(gan)`` (inside the strategy's scope; ``GAN.compile`` calls it); hands
checkpoints that state (``state()``); serialises as its constructor's parameters (``get_config`` /
``from_config``, attributes of the same names); and may run lazily, every ``every``-th step (``lazily``).
"""

import inspect

import tensorflow as tf

from keras_gans.checks import as_float, as_int


class Component:
    """Base of the GAN's components.

    ``name`` is the registered name (set by the registry), ``section`` the preset section that configures
    the component (``"regularizers"``, ``"g_regularizers"``, ``"d_input_transforms"``, ``"replay_buffer"``,
    ``"model.balance"``); together they make the keys of its messages. ``every`` (1 unless a subclass takes
    it) is its lazy interval.

    Example:
        >>> @register_regularizer("my_penalty")
        ... class MyPenalty(Regularizer):
        ...     def __init__(self, weight=1.0, every=1, scale=0.5):
        ...         super().__init__(weight, every)
        ...         self.scale = self.number(scale, "scale", low=0.0, low_open=True)
    """

    name = None
    section = None
    every = 1

    def key(self, param):
        """The preset key of ``param``: ``regularizers.r1.weight``."""
        return ".".join(part for part in (self.section, self.name, param) if part)

    def number(self, value, param, low=None, high=None, low_open=False, high_open=False):
        """``value`` of ``param`` as a finite float in the interval given, or a ``ConfigError`` naming its key."""
        return as_float(value, self.key(param), low, high, low_open, high_open)

    def whole(self, value, param, minimum=None):
        """``value`` of ``param`` as an int >= ``minimum``, or a ``ConfigError`` naming its key."""
        return as_int(value, self.key(param), minimum)

    def build(self, gan):
        """Create any state (in the strategy's scope; ``GAN.compile`` calls it)."""

    def state(self):
        """Variables that checkpoints keep."""
        return []

    def lazily(self, step, compute, batch):
        """``(due, value)``: ``compute()`` on every ``every``-th ``step`` (0-based) and zeros of shape
        ``[batch()]`` in between (lazy regularisation, StyleGAN2, Karras et al. 2020, sec. 3.1; the caller
        multiplies by ``every`` to keep the average strength). With ``every`` 1 it is ``compute()``, without a
        branch."""
        if self.every == 1:
            return True, compute()
        due = tf.equal(tf.math.floormod(step, self.every), 0)
        return due, tf.cond(due, compute, lambda: tf.zeros([batch()], tf.float32))

    def get_config(self):
        """The constructor's parameters, read from the attributes of the same names."""
        params = inspect.signature(type(self).__init__).parameters
        return {p: getattr(self, p) for p in params if p not in ("self", "args", "kwargs")}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
