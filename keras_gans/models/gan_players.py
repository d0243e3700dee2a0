"""A GAN's discriminator and generator as players of ``keras_gans.dynamics``: every update rule moves them
through the GAN's hooks (``d_gradients`` / ``d_step``, ``g_gradients`` / ``g_step``), so the non-finite
guard, the balance gate, ``after_d_step`` and a variant's overrides act under every rule."""

import tensorflow as tf

from keras_gans.dynamics import Player
from keras_gans.models.conditioning import bound


class GeneratorPass:
    """``fake = G(z)`` (``G(z, labels)``: a conditional GAN, ``labels`` drawn for the fakes) for one latent batch, computed once and shared by D's and G's gradients while G's
    weights stay where they were (the PyTorch DCGAN example's one forward pass per step): G's tape records
    the pass, is paused while D's gradients are taken and resumes for G's loss. A move or a reset of G
    (``invalidate``) makes the next use run G again; so does a second use of the tape."""

    def __init__(self, generator, z, labels=None):
        self.generator, self.z, self.labels = generator, z, labels
        self._fake, self._tape, self._tape_used = None, None, False

    def _record(self):
        self._tape = tf.GradientTape()
        with self._tape:
            self._fake = bound(self.generator, self.labels)(self.z, training=True)
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
    checked). ``real_labels``: the real batch's labels (a conditional GAN), else None."""

    def __init__(self, gan, real, generator_pass, variables, optimizer, real_labels=None):
        super().__init__(variables, optimizer)
        self.gan, self.real, self.generator_pass, self.real_labels = gan, real, generator_pass, real_labels
        self.logs, self.codes = {}, []

    def _record(self, grads, logs):
        self.codes.append(logs.pop("nonfinite"))
        self.logs = logs
        return grads


class DiscriminatorPlayer(_GANPlayer):
    def __init__(self, gan, real, generator_pass, real_labels=None):
        super().__init__(gan, real, generator_pass, gan.d_variables, gan.d_optimizer, real_labels)

    def gradients(self):
        return self._record(*self.gan.d_gradients(self.real, self.generator_pass.fake(), self.real_labels,
                                                  self.generator_pass.labels))

    def apply(self, grads):
        self.gan.d_step(grads, self.logs)


class GeneratorPlayer(_GANPlayer):
    def __init__(self, gan, real, generator_pass, real_labels=None):
        super().__init__(gan, real, generator_pass, gan.generator.trainable_variables, gan.g_optimizer, real_labels)

    def gradients(self):
        fake, tape = self.generator_pass.taped()
        return self._record(*self.gan.g_gradients(self.real, self.generator_pass.z, fake, tape, self.real_labels,
                                                  self.generator_pass.labels))

    def apply(self, grads):
        self.gan.g_step(grads, self.logs)
        self.generator_pass.invalidate()

    def assign(self, values):
        super().assign(values)
        self.generator_pass.invalidate()
