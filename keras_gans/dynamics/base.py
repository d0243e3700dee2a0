"""The seam of the update rules: how the players of a two-player game (or a GAN) move.

A game is a list of ``Player``: each knows its variables and optimizer, the gradient of the loss it
minimises at the current point (``gradients``), how it moves along a gradient (``apply``) and how it is
put back to earlier values (``assign``). An ``UpdateRule`` moves all players by one step through these
three calls only, so a GAN's players (``keras_gans.models.gan_players``) bring their non-finite guard, their
balance gate and their hooks to every rule. Rules are registered by name (``UPDATE_RULES``).
"""

import tensorflow as tf

from keras_gans.distribute import assign_variables
from keras_gans.registry import Registry

UPDATE_RULES = Registry("update rule")


class Player:
    """A player of a game: ``variables``, ``optimizer`` and ``loss`` (a function of no arguments giving the
    scalar this player minimises; a maximiser minimises the negated objective).

    Args:
        variables: the variables this player moves.
        optimizer: a ``keras.optimizers.Optimizer`` built for ``variables``.
        loss: callable, ``loss() -> scalar`` at the current point.

    Example:
        >>> x = keras.Variable(1.0); y = keras.Variable(1.0)
        >>> players = [Player([x], keras.optimizers.SGD(0.1), lambda: x * y),
        ...            Player([y], keras.optimizers.SGD(0.1), lambda: -x * y)]
        >>> get_update_rule("simultaneous").step(players)
    """

    def __init__(self, variables, optimizer, loss=None):
        self.variables, self.optimizer, self.loss = list(variables), optimizer, loss

    def gradients(self):
        """The gradient of ``loss`` at the current point, scaled as the optimizer asks (a loss-scale
        optimizer under float16 multiplies the loss by its scale and divides the gradients back when it
        applies them)."""
        with tf.GradientTape() as tape:
            value = self.optimizer.scale_loss(self.loss())
        return tape.gradient(value, self.variables)

    def apply(self, grads):
        """One move of the optimizer along ``grads``."""
        self.optimizer.apply_gradients(zip(grads, self.variables))

    def values(self):
        """A copy of the current values (``assign`` puts them back)."""
        return [tf.identity(v) for v in self.variables]

    def assign(self, values):
        assign_variables(self.variables, values)


class UpdateRule:
    """Moves every player of a game by one step: ``step(players)``, through ``Player.gradients``,
    ``Player.apply`` and ``Player.assign`` only.

    Example:
        >>> @register_update_rule("gauss_seidel_reversed")
        ... class Reversed(UpdateRule):
        ...     def step(self, players):
        ...         for p in reversed(players):
        ...             p.apply(p.gradients())
    """

    name = None

    def step(self, players):
        raise NotImplementedError


def register_update_rule(name):
    def wrap(cls):
        cls.name = name
        return UPDATE_RULES.register(name, cls)

    return wrap


def get_update_rule(identifier):
    """An ``UpdateRule`` from its registered name (``None``: ``"alternating"``, the default) or an instance."""
    if isinstance(identifier, UpdateRule):
        return identifier
    return UPDATE_RULES.get("alternating" if identifier is None else identifier)()
