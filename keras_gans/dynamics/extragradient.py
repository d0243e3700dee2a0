import tensorflow as tf

from keras_gans.distribute import assign_variables
from keras_gans.dynamics.base import UpdateRule, apply, gradients, register_update_rule


@register_update_rule("extragradient")
class Extragradient(UpdateRule):
    """Extragradient (Korpelevich 1976; Gidel et al. 2019, "A Variational Inequality Perspective on
    GANs", eq. 12-13 and Algorithm 4, Extra-Adam): a look-ahead step w' = w - lr * F(w) from the current
    point, then the real update from w with the gradient F(w') taken at the look-ahead point. Both steps go
    through each player's optimizer (with SGD exactly eq. 12-13; with Adam, Extra-Adam: the moments see
    both gradients, so the optimizer's ``iterations`` advance by 2 per step). Converges on the bilinear
    game, where simultaneous descent diverges."""

    def step(self, players, loss):
        saved = [[tf.identity(v) for v in p.variables] for p in players]
        grads = [gradients(loss, p, i) for i, p in enumerate(players)]
        for p, g in zip(players, grads):
            apply(p, g)  # the look-ahead (extrapolation) step
        lookahead = [gradients(loss, p, i) for i, p in enumerate(players)]
        for p, values in zip(players, saved):
            assign_variables(p.variables, values)  # back to w
        for p, g in zip(players, lookahead):
            apply(p, g)
