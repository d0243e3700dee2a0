from keras_gans.dynamics.base import UpdateRule, apply, gradients, register_update_rule


@register_update_rule("alternating")
class Alternating(UpdateRule):
    """Alternating updates (Goodfellow et al. 2014, Algorithm 1): each player moves in turn and the
    next one sees the new point. On the bilinear game the iterates stay on a bounded orbit
    (Gidel et al. 2019, sec. 3) instead of diverging."""

    def step(self, players, loss):
        for i, p in enumerate(players):
            apply(p, gradients(loss, p, i))
