from keras_gans.dynamics.base import UpdateRule, register_update_rule


@register_update_rule("alternating")
class Alternating(UpdateRule):
    """Alternating updates (Goodfellow et al. 2014, Algorithm 1): each player moves in turn and the
    next one sees the new point. On the bilinear game the iterates stay on a bounded orbit
    (Gidel et al. 2019, sec. 3) instead of diverging. The default rule of ``GAN``, whose players share one
    generator forward pass between D's and G's gradients (G's weights have not moved in between).

    Example:
        >>> players = [Player([x], keras.optimizers.SGD(0.1), lambda: x * y),
        ...            Player([y], keras.optimizers.SGD(0.1), lambda: -x * y)]
        >>> get_update_rule("alternating").step(players)
    """

    def step(self, players):
        for p in players:
            p.apply(p.gradients())
