import keras
import tensorflow as tf


class BilinearGame:
    """min_x max_y f(x, y) = x * y (Gidel et al. 2019, sec. 3; Daskalakis et al. 2018): the simplest game
    on which gradient methods cycle or diverge; its only equilibrium is (0, 0). Player 0 (x) minimises
    f, player 1 (y) minimises -f.

    Args:
        x0: player 0's starting point.
        y0: player 1's starting point.

    Example:
        >>> game = BilinearGame(1.0, 0.5)
        >>> players = [Player(v, keras.optimizers.SGD(0.1), lambda i=i: game.loss(i)) for i, v in enumerate(game.variables())]
    """

    def __init__(self, x0=1.0, y0=1.0):
        self.x = keras.Variable(float(x0), name="x")
        self.y = keras.Variable(float(y0), name="y")

    def loss(self, player):
        f = self.x * self.y
        return f if player == 0 else -f

    def variables(self):
        return [[self.x], [self.y]]

    def distance(self):
        """Euclidean distance of (x, y) to the equilibrium (0, 0)."""
        return float(tf.sqrt(tf.square(self.x) + tf.square(self.y)))
