"""Update rules on games with closed forms: the bilinear game x*y and the Dirac-GAN."""

import math

import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.dynamics import OptimisticAdam, OptimisticSGD, Player, get_update_rule
from keras_gans.dynamics.games import BilinearGame, DiracGAN


def play(game, rule, optimizer, steps):
    players = [Player(v, optimizer(), lambda i=i: game.loss(i)) for i, v in enumerate(game.variables())]
    for p in players:
        p.optimizer.build(p.variables)
    rule = get_update_rule(rule)
    step = tf.function(lambda: rule.step(players))  # one graph, as in a training step
    distances = [game.distance()]
    for _ in range(steps):
        step()
        distances.append(game.distance())
    return np.array(distances)


def test_simultaneous_descent_ascent_spirals_out_by_sqrt_1_plus_lr2():
    lr = 0.1
    d = play(BilinearGame(1.0, 0.5), "simultaneous", lambda: keras.optimizers.SGD(lr), 50)
    np.testing.assert_allclose(d[1:] / d[:-1], math.sqrt(1 + lr**2), rtol=1e-5)


def test_an_l2_term_makes_simultaneous_descent_converge_at_the_closed_form_rate():
    # weight decay lam adds lam/2 |w|^2 to each player's loss (strongly convex-concave game); one step is
    # the linear map [[1 - lr lam, -lr], [lr, 1 - lr lam]]: the distance shrinks by sqrt((1 - lr lam)^2 + lr^2)
    lr, lam = 0.1, 2.0
    d = play(BilinearGame(1.0, 0.5), "simultaneous", lambda: keras.optimizers.SGD(lr, weight_decay=lam), 50)
    np.testing.assert_allclose(d[1:] / d[:-1], math.sqrt((1 - lr * lam) ** 2 + lr**2), rtol=1e-5)


def test_alternating_updates_stay_bounded():
    d = play(BilinearGame(1.0, 0.5), "alternating", lambda: keras.optimizers.SGD(0.1), 2000)
    assert d.max() < 2.0 * d[0] and d[-1] > 0.5 * d[0]  # neither diverges nor converges: an orbit


def test_extragradient_converges_on_the_bilinear_game():
    d = play(BilinearGame(1.0, 0.5), "extragradient", lambda: keras.optimizers.SGD(0.3), 300)
    assert d[-1] < 1e-3 * d[0]
    # per step the distance shrinks by sqrt(1 - lr^2 + lr^4) (linear map [[1 - lr^2, -lr], [lr, 1 - lr^2]])
    np.testing.assert_allclose(d[1:20] / d[:19], math.sqrt(1 - 0.3**2 + 0.3**4), rtol=1e-4)


@pytest.mark.parametrize("optimizer", [lambda: OptimisticSGD(0.2), lambda: OptimisticAdam(0.02, beta_1=0.0, beta_2=0.9)])
def test_optimistic_updates_converge_on_the_bilinear_game(optimizer):
    d = play(BilinearGame(1.0, 0.5), "simultaneous", optimizer, 1500)
    assert d[-1] < 0.05 * d[0]


def test_dirac_gan_needs_a_better_method_or_r1():
    plain = play(DiracGAN(1.0, 1.0), "simultaneous", lambda: keras.optimizers.SGD(0.1), 1000)
    assert plain[-1] > plain[0]  # simultaneous gradient descent drifts away (Mescheder et al. 2018, fig. 1)
    extra = play(DiracGAN(1.0, 1.0), "extragradient", lambda: keras.optimizers.SGD(0.3), 3000)
    assert extra[-1] < 0.05 * extra[0]
    r1 = play(DiracGAN(1.0, 1.0, r1=1.0), "alternating", lambda: keras.optimizers.SGD(0.1), 2000)
    assert r1[-1] < 1e-3 * r1[0]
