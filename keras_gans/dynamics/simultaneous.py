from keras_gans.dynamics.base import UpdateRule, register_update_rule


@register_update_rule("simultaneous")
class Simultaneous(UpdateRule):
    """Simultaneous gradient descent(-ascent): every player's gradient is taken at the same point, then
    all move. On the bilinear game x*y it spirals out: each step multiplies the distance to the saddle
    by sqrt(1 + lr^2) (Mescheder et al. 2017; Gidel et al. 2019, sec. 3).

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"model.update_rule": "simultaneous"})
    """

    def step(self, players):
        grads = [p.gradients() for p in players]
        for p, g in zip(players, grads):
            p.apply(g)
