"""A GAN's discriminator and generator as players of ``keras_gans.dynamics``: every update rule moves them
through the GAN's hooks (``d_gradients`` / ``d_step``, ``g_gradients`` / ``g_step``), so the non-finite
guard, the balance gate, ``after_d_step`` and a variant's overrides act under every rule."""

import tensorflow as tf

from keras_gans.dynamics import Player


class GeneratorPass:
    """``fake = G(z)`` for one latent batch, computed once and shared by D's and G's gradients while G's
    weights stay where they were (the PyTorch DCGAN example's one forward pass per step): G's tape records
    the pass, is paused while D's gradients are taken and resumes for G's loss. A move or a reset of G
    (``invalidate``) makes the next use run G again; so does a second use of the tape."""

    def __init__(self, generator, z):
        self.generator, self.z = generator, z
        self._fake, self._tape, self._tape_used = None, None, False

    def _record(self):
        self._tape = tf.GradientTape()
        with self._tape:
            self._fake = self.generator(self.z, training=True)
        self._tape_used = False

    def fake(self):
        """G(z) at G's current weights (for D's update: no gradient to G is needed)."""
        if self._fake is None:
            self._record()
        return self._fake

    def taped(self):
        """``(fake, tape)`` with ``fake = G(z)`` recorded on ``tape``, for one gradient of G's loss."""
        if self._fake is None or self._tape_used:
            self._record()
        self._tape_used = True
        return self._fake, self._tape

    def invalidate(self):
        self._fake = None


class _GANPlayer(Player):
    """A player whose gradients and moves are the GAN's hooks; keeps the logs of its latest gradients and
    the non-finite codes of all of them (with a rule that takes two gradients, extragradient, both are
    checked)."""

    def __init__(self, gan, real, generator_pass, variables, optimizer):
        super().__init__(variables, optimizer)
        self.gan, self.real, self.generator_pass = gan, real, generator_pass
        self.logs, self.codes = {}, []

    def _record(self, grads, logs):
        self.codes.append(logs.pop("nonfinite"))
        self.logs = logs
        return grads


class DiscriminatorPlayer(_GANPlayer):
    def __init__(self, gan, real, generator_pass):
        super().__init__(gan, real, generator_pass, gan.discriminator.trainable_variables, gan.d_optimizer)

    def gradients(self):
        return self._record(*self.gan.d_gradients(self.real, self.generator_pass.fake()))

    def apply(self, grads):
        self.gan.d_step(grads, self.logs)


class GeneratorPlayer(_GANPlayer):
    def __init__(self, gan, real, generator_pass):
        super().__init__(gan, real, generator_pass, gan.generator.trainable_variables, gan.g_optimizer)

    def gradients(self):
        fake, tape = self.generator_pass.taped()
        return self._record(*self.gan.g_gradients(self.real, self.generator_pass.z, fake, tape))

    def apply(self, grads):
        self.gan.g_step(grads, self.logs)
        self.generator_pass.invalidate()

    def assign(self, values):
        super().assign(values)
        self.generator_pass.invalidate()
