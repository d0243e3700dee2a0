"""The seam of the update rules: how the players of a two-player game (or a GAN) move.

A game is a list of ``Player`` (its variables, its optimizer) and a function ``loss(i)`` giving the
scalar that player i minimises at the current point (a maximiser minimises the negated objective).
An ``UpdateRule`` moves all players by one step; rules are registered by name (``UPDATE_RULES``).
"""

import tensorflow as tf

from keras_gans.registry import Registry

UPDATE_RULES = Registry("update rule")


class Player:
    """A player's variables and optimizer; ``check_gradients`` (optional) sees every gradient list before
    it is applied and may replace it (the GAN's non-finite guard drops flagged updates there)."""

    def __init__(self, variables, optimizer, check_gradients=None):
        self.variables, self.optimizer = list(variables), optimizer
        self.check_gradients = check_gradients


def gradients(loss, player, index):
    """Player ``index``'s gradient of its loss, scaled as its optimizer asks (a loss-scale optimizer under
    float16 multiplies it by its scale and divides the gradients back when it applies them)."""
    with tf.GradientTape() as tape:
        value = player.optimizer.scale_loss(loss(index))
    return tape.gradient(value, player.variables)


def apply(player, grads):
    if player.check_gradients is not None:
        grads = player.check_gradients(grads)
    player.optimizer.apply_gradients(zip(grads, player.variables))


class UpdateRule:
    name = None

    def step(self, players, loss):
        raise NotImplementedError


def register_update_rule(name):
    def wrap(cls):
        cls.name = name
        return UPDATE_RULES.register(name, cls)

    return wrap


def get_update_rule(identifier):
    if isinstance(identifier, UpdateRule):
        return identifier
    return UPDATE_RULES.get(identifier)()
