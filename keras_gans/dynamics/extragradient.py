import tensorflow as tf

from keras_gans.dynamics.base import UpdateRule, apply, gradients, register_update_rule


@register_update_rule("extragradient")
class Extragradient(UpdateRule):
    """Extragradient (Korpelevich 1976; Gidel et al. 2019, "A Variational Inequality Perspective on
    GANs", eq. 12-13): a look-ahead step w' = w - lr * F(w) from the current point, then the real update
    from w with the gradient F(w') taken at the look-ahead point. The look-ahead uses each player's
    learning rate as plain gradient steps; the update goes through the player's optimizer. Converges on
    the bilinear game, where simultaneous descent diverges."""

    def step(self, players, loss):
        saved = [[tf.identity(v) for v in p.variables] for p in players]
        grads = [gradients(loss, p, i) for i, p in enumerate(players)]
        for p, g in zip(players, grads):
            lr = tf.cast(p.optimizer.learning_rate, tf.float32)
            for v, gv in zip(p.variables, g):
                v.assign_sub(tf.cast(lr, v.dtype) * gv)
        lookahead = [gradients(loss, p, i) for i, p in enumerate(players)]
        for p, values in zip(players, saved):
            for v, value in zip(p.variables, values):
                v.assign(value)
        for p, g in zip(players, lookahead):
            apply(p, g)
