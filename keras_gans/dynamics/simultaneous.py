from keras_gans.dynamics.base import UpdateRule, register_update_rule


@register_update_rule("simultaneous")
class Simultaneous(UpdateRule):
    """Simultaneous gradient descent(-ascent): every player's gradient is taken at the same point, then
    all move. On the bilinear game x*y it spirals out: each step multiplies the distance to the saddle
    by sqrt(1 + lr^2) (Mescheder et al. 2017; Gidel et al. 2019, sec. 3).

    Example:
        >>> players = [Player([x], keras.optimizers.SGD(0.1), lambda: x * y),
        ...            Player([y], keras.optimizers.SGD(0.1), lambda: -x * y)]
        >>> get_update_rule("simultaneous").step(players)
    """

    def step(self, players):
        grads = [p.gradients() for p in players]
        for p, g in zip(players, grads):
            p.apply(g)
