from keras_gans.dynamics.base import UpdateRule, register_update_rule


@register_update_rule("extragradient")
class Extragradient(UpdateRule):
    """Extragradient (Korpelevich 1976; Gidel et al. 2019, "A Variational Inequality Perspective on
    GANs", eq. 12-13 and Algorithm 4, Extra-Adam): a look-ahead step w' = w - lr * F(w) from the current
    point, then the real update from w with the gradient F(w') taken at the look-ahead point. Both steps go
    through each player's optimizer (with SGD exactly eq. 12-13; with Adam, Extra-Adam: the moments see
    both gradients, so the optimizer's ``iterations`` advance by 2 per step). Converges on the bilinear
    game, where simultaneous descent diverges.

    Example:
        >>> players = [Player([x], keras.optimizers.SGD(0.1), lambda: x * y),
        ...            Player([y], keras.optimizers.SGD(0.1), lambda: -x * y)]
        >>> get_update_rule("extragradient").step(players)
    """

    def step(self, players):
        saved = [p.values() for p in players]
        grads = [p.gradients() for p in players]
        for p, g in zip(players, grads):
            p.apply(g)  # the look-ahead (extrapolation) step
        lookahead = [p.gradients() for p in players]
        for p, values in zip(players, saved):
            p.assign(values)  # back to w
        for p, g in zip(players, lookahead):
            p.apply(g)
