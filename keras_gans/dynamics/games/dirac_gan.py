import keras
import tensorflow as tf


class DiracGAN:
    """The Dirac-GAN (Mescheder et al. 2018, "Which Training Methods for GANs do actually Converge?",
    sec. 2.2, eq. 3): data is a Dirac at 0, the generator a Dirac at theta, the discriminator
    D(x) = psi * x; L(theta, psi) = f(psi theta) + f(0) with f(t) = -log(1 + exp(-t)) (the GAN loss).
    D (psi) maximises L, G (theta) minimises it; the equilibrium is (0, 0), where the game's Jacobian has
    imaginary eigenvalues only, so unregularised gradient descent does not converge. ``r1`` adds
    gamma / 2 * psi^2 (R1: the squared gradient of D at the data point) to D's loss.

    Args:
        theta0: G's starting point (the position of its Dirac).
        psi0: D's starting slope.
        r1: gamma of an R1 penalty on D (0: none).

    Example:
        >>> game = DiracGAN(1.0, 1.0, r1=0.3)
    """

    def __init__(self, theta0=1.0, psi0=1.0, r1=0.0):
        self.theta = keras.Variable(float(theta0), name="theta")
        self.psi = keras.Variable(float(psi0), name="psi")
        self.r1 = float(r1)

    def value(self):
        f = lambda t: -tf.math.softplus(-t)  # noqa: E731  -log(1 + exp(-t))
        return f(self.psi * self.theta) + f(tf.constant(0.0))

    def loss(self, player):
        # player 0: the generator (theta) minimises L; player 1: the discriminator (psi) maximises it
        if player == 0:
            return self.value()
        return -self.value() + 0.5 * self.r1 * tf.square(self.psi)

    def variables(self):
        return [[self.theta], [self.psi]]

    def distance(self):
        return float(tf.sqrt(tf.square(self.theta) + tf.square(self.psi)))
