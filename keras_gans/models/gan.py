"""The generic GAN: one train_step, small hooks for variants."""

import keras
import tensorflow as tf

from keras_gans.distribute import assign_variables, global_mean
from keras_gans.dynamics import AccuracyBalance, get_update_rule
from keras_gans.losses import get_loss
from keras_gans.models.training_data import batch_size_of as _batch_size, images_of as _images, labels_of as _labels
from keras_gans.models.ema_copy import EMACopy
from keras_gans.models.auxiliary_classifier import AuxiliaryClassifier
from keras_gans.models.conditioning import Conditioning, sample_input_shape
from keras_gans.models.gan_objectives import HEALTH_LOGS, Objectives
from keras_gans.models.gan_state import GANState
from keras_gans.models.gan_players import DiscriminatorPlayer, GeneratorPass, GeneratorPlayer
from keras_gans.models.jacobian_truncation import JacobianTruncation
from keras_gans.models.mixture import Mixture
from keras_gans.models.unrolled import UnrolledDiscriminator
from keras_gans.models.sampling import Sampling
from keras_gans.models.replicated_fit import ReplicatedFit
from keras_gans.models.variant_hooks import VariantHooks
from keras_gans.models.nonfinite import D_GRADS, D_LOSS, G_GRADS, G_LOSS, NonFiniteFlags, checked_gradients
from keras_gans.private_api import nested_layers
from keras_gans.registry import call_checked
from keras_gans.augmentations import get_transform
from keras_gans.checks import ConfigError, as_int, nonfinite_policy
from keras_gans.regularizers import get_generator_regularizer, get_regularizer
from keras_gans.models.replay_buffer import get_replay_buffer
from keras_gans.models.latent_space import LatentSpace

LATENT_DISTRIBUTIONS = ("normal", "uniform")


@keras.saving.register_keras_serializable(package="keras_gans")
class GAN(ReplicatedFit, VariantHooks, Objectives, Conditioning, Sampling, LatentSpace, GANState, keras.Model):
    """A generator and a discriminator trained as a two-player game by ``fit``.

    ``train_step`` makes ``d_steps`` discriminator updates (each with fresh latents and its own real
    batch: ``fit`` regroups the data into ``d_steps`` batches per step); the last of them and the generator
    update are one step of ``update_rule`` (``keras_gans.dynamics``: "alternating", the default, with one
    shared generator forward pass; "simultaneous"; "extragradient"). Every rule moves the players through
    the same hooks, which variants override (never the step):

    - ``d_gradients(real, fake)`` / ``d_step(grads, logs)``: D's gradients at the current point, and one D
      update along them; ``g_gradients(real, z, fake, tape)`` / ``g_step(grads, logs)`` the same for G;
    - ``after_d_step()``: called after each discriminator update (weight clipping in ``WGAN``);
    - ``sample_latents(batch)``; ``sampling_generator`` (the network that sampling and export use).

    ``balance`` (``{"d_max_accuracy", "g_min_accuracy"}``) skips a player's update from D's accuracy
    (``AccuracyBalance``; it gates ``d_step`` and ``g_step``, under every rule). ``ema_decay`` keeps an EMA
    copy of G for sampling and export (``ema_warmup``: its ramp-up, ``EMACopy``). ``jacobian_truncation``
    (a fraction kept, e.g. 0.8) makes ``generate(n)`` keep the latents where G is smoothest
    (``JacobianTruncation``).

    Every update checks its loss and gradients (``keras_gans.models.nonfinite``): a non-finite one is
    dropped and reported, and ``on_nonfinite`` decides what ``fit`` does next: ``"stop"`` (default:
    ``fit`` raises ``NonFiniteError`` naming the step and the likely causes), ``"skip"`` (go on; stop
    after ``limit`` flagged steps in a row) or ``"rollback"`` (restore the last good checkpoint and halve
    the learning rates, at most ``limit`` times); ``{"policy": ..., "limit": k}`` sets the limit.

    Losses are per-example and reduced over the *global* batch (``keras_gans.distribute``), latents
    are drawn for the global batch from ``keras.random.SeedGenerator`` and sliced per replica, so the
    same code trains identically on 1 or N replicas. ``compile`` takes the two optimizers (two
    learning rates: TTUR, Heusel et al. 2017), a loss family by name and discriminator regularisers.

    With ``num_classes`` the GAN is conditional, through the same step: the real batch's labels and labels
    drawn for the fakes (``label_distribution``) condition every call of G and D
    (``keras_gans.models.conditioning``), the regularisers' included.

    Args:
        generator: a ``keras.Model`` from latents ``[N, latent_dim]`` to samples.
        discriminator: a ``keras.Model`` from samples to logits ``[N, 1]``.
        latent_dim: the latent size (default: the generator's input size).
        latent_distribution: ``"normal"`` or ``"uniform"`` (in [-1, 1]).
        d_steps: discriminator updates per generator update (n_critic).
        seed: seed of the latent draws and every other random draw of the step.
        ema_decay: keep an EMA copy of G with this decay for sampling and export (``None``: none).
        ema_warmup: the EMA's ramp-up ratio (half-life at most ``ema_warmup`` x steps so far).
        jacobian_truncation: fraction of drawn latents that ``generate`` keeps, where G is smoothest.
        update_rule: ``"alternating"`` (default), ``"simultaneous"``, ``"extragradient"`` or an ``UpdateRule``.
        balance: ``{"d_max_accuracy": ..., "g_min_accuracy": ...}`` for ``AccuracyBalance``.
        on_nonfinite: ``"stop"``, ``"skip"``, ``"rollback"`` or ``{"policy": ..., "limit": k}``.
        num_classes: a conditional GAN (Mirza & Osindero 2014): G and D take ``[input, labels]`` (int32 class
            indices) and every batch is ``(images, labels)``; None: unconditional.
        label_distribution: the classes drawn for fakes, ``"uniform"`` or ``"data"`` (``class_counts``).
        class_counts: the training set's count per class (for ``"data"``).
        class_names: the name of each class (sample grids, export).
        auxiliary_classifier: ``{"weight": w}``: ACGAN's class head on D (``AuxiliaryClassifier``).
        unroll_steps: G's loss against D unrolled this many updates ahead (``UnrolledDiscriminator``; None: off).
        mixture: ``{"generators": K, "beta": b, "shared": ...}``: MGAN's mixture of generators (``Mixture``).
        health_logs: whether the step logs D's logits on real and fake (mean, spread), r_t and each player's
            gradient norm for the training-health curves (``keras_gans.callbacks.TrainingLog``; default True).

    Example:
        >>> gan = GAN(generator, discriminator, d_steps=5, ema_decay=0.999)
        >>> gan.compile(d_optimizer="adam", g_optimizer="adam", loss="wasserstein",
        ...             regularizers=[{"name": "gradient_penalty", "weight": 10.0}])
        >>> gan.fit(keras_gans.data.load("mnist"), epochs=1)
    """

    def __init__(
        self,
        generator,
        discriminator,
        latent_dim=None,
        latent_distribution="normal",
        d_steps=1,
        seed=None,
        ema_decay=None,
        ema_warmup=None,
        jacobian_truncation=None,
        update_rule=None,
        balance=None,
        on_nonfinite="stop",
        num_classes=None,
        label_distribution="uniform",
        class_counts=None,
        class_names=None,
        auxiliary_classifier=None,
        unroll_steps=None,
        mixture=None,
        health_logs=True,
        **kwargs,
    ):
        kwargs.setdefault("name", "gan")
        super().__init__(**kwargs)
        if latent_distribution not in LATENT_DISTRIBUTIONS:
            raise ValueError(
                f"latent_distribution must be one of {LATENT_DISTRIBUTIONS}, got {latent_distribution!r}."
            )
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = int(latent_dim or sample_input_shape(generator)[-1])
        self.latent_distribution = latent_distribution
        self.d_steps = as_int(d_steps, "model.d_steps", 1)
        self.health_logs = bool(health_logs)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)
        self._ema = None if ema_decay is None else EMACopy(self, generator, ema_decay, ema_warmup)
        self.ema_decay = None if ema_decay is None else self._ema.decay
        self.ema_warmup = None if ema_decay is None or ema_warmup is None else self._ema.warmup
        # a bad fraction fails here, not at the first sample
        self.jacobian_truncation = None if jacobian_truncation is None else JacobianTruncation(jacobian_truncation).keep
        self.update_rule = update_rule
        self._update_rule = get_update_rule(update_rule)
        self.balance = balance
        self._balance = None if balance is None else call_checked(AccuracyBalance, "model.balance", dict(balance))
        nonfinite_policy(on_nonfinite)  # a bad policy fails here, not at the first NaN
        self.on_nonfinite = on_nonfinite
        self.set_conditioning(num_classes, label_distribution, class_counts, class_names, mixture=mixture is not None)
        self.auxiliary_classifier = auxiliary_classifier
        self.auxiliary = None if auxiliary_classifier is None else call_checked(
            AuxiliaryClassifier, "model.auxiliary_classifier", dict(auxiliary_classifier), {"gan": self})
        self.unroll_steps = None if unroll_steps is None else as_int(unroll_steps, "model.unroll_steps", 1)
        self.mixture = mixture
        self._mixture = None if mixture is None else call_checked(Mixture, "model.mixture", dict(mixture), {"gan": self})
        if self._mixture is not None:
            if self.auxiliary is not None:
                raise ConfigError("model.mixture brings its own classifier head on D: drop model.auxiliary_classifier.")
            self.auxiliary = self._mixture.classifier
        self.built = True

    def build(self, input_shape=None):
        self.built = True

    @property
    def d_variables(self):
        """What D's optimizer trains: D's weights, and the head of the auxiliary classifier (ACGAN) where set."""
        head = [] if self.auxiliary is None else self.auxiliary.head.trainable_variables
        return self.discriminator.trainable_variables + head

    # ----------------------------------------------------------------- compile
    def compile(
        self,
        d_optimizer="adam",
        g_optimizer="adam",
        loss="non_saturating",
        regularizers=(),
        d_input_transforms=(),
        g_regularizers=(),
        replay_buffer=None,
        jit_compile=False,
        steps_per_execution=1,
        **kwargs,
    ):
        """``regularizers``: D's (R1, GP, ...); ``g_regularizers``: G's (Jacobian clamping, feature
        matching, ...); ``d_input_transforms``: what D sees (instance noise, augmentation);
        ``replay_buffer``: past fakes mixed into D's batch; ``steps_per_execution``: training steps per call
        of the compiled function (callbacks see every N-th step; a flagged step in between still reaches the
        non-finite guard). Call inside the strategy's scope: components with state (running averages, the
        replay buffer, ADA's probability) create it here."""
        self.d_optimizer = keras.optimizers.get(d_optimizer)
        self.g_optimizer = keras.optimizers.get(g_optimizer)
        self.gan_loss = get_loss(loss)
        self.d_regularizers = [get_regularizer(r) for r in regularizers]
        self.g_regularizers = [get_generator_regularizer(r) for r in g_regularizers]
        self.check_conditional_components(self.g_regularizers)
        self.d_input_transforms = [get_transform(t) for t in d_input_transforms]
        self.replay_buffer = None if replay_buffer is None else get_replay_buffer(replay_buffer)
        self.unrolled = None if self.unroll_steps is None else UnrolledDiscriminator(self, self.unroll_steps)
        self._components = self.d_regularizers + self.g_regularizers + self.d_input_transforms
        self._components += [self.replay_buffer] if self.replay_buffer is not None else []
        self._components += [self._balance] if self._balance is not None else []
        for component in self._components:
            component.build(self)
        self._scheduled_layers = [layer for net in (self.generator, self.discriminator)
                                  for layer in nested_layers(net) if hasattr(layer, "set_step")]
        super().compile(optimizer=self.g_optimizer, jit_compile=jit_compile, steps_per_execution=steps_per_execution,
                        **kwargs)
        self._gan_compile_args = dict(
            d_optimizer=self.d_optimizer,
            g_optimizer=self.g_optimizer,
            loss=self.gan_loss,
            regularizers=list(self.d_regularizers),
            d_input_transforms=list(self.d_input_transforms),
            g_regularizers=list(self.g_regularizers),
            replay_buffer=self.replay_buffer,
            jit_compile=jit_compile,
            steps_per_execution=steps_per_execution,
        )
        names = ["d_loss", "g_loss"] + [r.name for r in self.d_regularizers] + ["g_" + r.name for r in self.g_regularizers]
        names += list(self.gan_loss.extra_metrics(tf.zeros([1]), tf.zeros([1])))
        names += ["d_class_loss", "g_class_loss"] if self.auxiliary is not None else []
        if self.gan_loss.decision_threshold is not None:
            names += ["real_accuracy", "fake_accuracy"] + (["r_t"] if self.health_logs else [])
        names += list(HEALTH_LOGS) if self.health_logs else []
        self._trackers = {n: keras.metrics.Mean(name=n) for n in names}
        self._trackers["nonfinite"] = NonFiniteFlags()
        self.build_optimizers()

    # ----------------------------------------------------------------- training
    def train_step(self, data):
        real, labels = self.split_batch(_images(data), _labels(data))
        grouped = real.shape.rank == len(self.discriminator_sample_shape) + 2
        reals = [real[:, i] for i in range(self.d_steps)] if grouped else [real] * self.d_steps
        labels = [labels[:, i] for i in range(self.d_steps)] if grouped and labels is not None else [labels] * self.d_steps
        self.check_data_shape(reals[0].shape)
        self.update_schedules()
        reals = [self.prepare_real(r) for r in reals]
        codes = []
        for r, y in zip(reals[:-1], labels[:-1]):
            codes += self.critic_step(r, y)
        codes += self.game_step(reals[-1], labels[-1])
        if self._ema is not None:
            self._ema.update(self.g_optimizer.iterations)
        code = codes[0]
        for c in codes[1:]:
            code = tf.bitwise.bitwise_or(code, c)
        # 0, or the bits of keras_gans.models.nonfinite: what went non-finite since the guard last looked
        self._trackers["nonfinite"].update_state(code)
        return self.replicated_logs({name: m.result() for name, m in self._trackers.items()})

    def update_schedules(self):
        """Layers with a training-step schedule (``set_step``: the LeakyReLU slope schedule) follow G's
        step counter."""
        for layer in self._scheduled_layers:
            layer.set_step(self.g_optimizer.iterations)

    def generator_pass(self, batch):
        """``G(z)`` (``G(z, y)``: a conditional GAN) for fresh latents (and drawn labels) of ``batch`` samples."""
        return GeneratorPass(self.generator, self.sample_latents(batch), self.sample_labels(batch))

    def critic_step(self, real, labels=None):
        """One of the first ``d_steps - 1`` discriminator updates of a step, on fresh latents; returns its
        non-finite codes."""
        d = DiscriminatorPlayer(self, real, self.generator_pass(_batch_size(real)), labels)
        d.apply(d.gradients())
        self._track(d.logs)
        return d.codes

    def game_step(self, real, labels=None):
        """The last D update and G's update, made by ``update_rule`` on the players (D, G) with one latent
        batch (``keras_gans.models.gan_players``); returns their non-finite codes."""
        generator_pass = self.generator_pass(_batch_size(real))
        players = [DiscriminatorPlayer(self, real, generator_pass, labels), GeneratorPlayer(self, real, generator_pass, labels)]
        self._update_rule.step(players)
        codes = []
        for player in players:
            self._track(player.logs)
            codes += player.codes
        return codes

    def _track(self, logs):
        """Feeds the metric trackers; returns the update's non-finite code (0 if it carries none)."""
        for name, value in logs.items():
            if name != "nonfinite":
                self._trackers[name].update_state(value)
        return logs.get("nonfinite", tf.constant(0))

    def replay(self, fake, labels=None):
        """The fakes D trains on and their labels: ``fake``, or a mix with past fakes (and their labels) from
        the replay buffer."""
        if self.replay_buffer is None:
            return fake, labels
        if labels is None:
            return self.replay_buffer(tf.stop_gradient(fake), self.seed_generator), None
        return self.replay_buffer(tf.stop_gradient(fake), self.seed_generator, labels)

    def d_gradients(self, real, fake, real_labels=None, fake_labels=None):
        """D's gradients at the current point on ``real`` and ``fake`` (mixed with past fakes when a replay
        buffer is set) and the logs of its objective; ``logs["nonfinite"]`` is the guard's code (flagged
        gradients come back as zeros)."""
        fake, fake_labels = self.replay(fake, fake_labels)
        with tf.GradientTape() as tape:
            per_example, logs = self.discriminator_objective(real, fake, real_labels, fake_labels)
            loss = global_mean(per_example)
            scaled = self.d_optimizer.scale_loss(loss)  # the loss itself unless a loss-scale optimizer (float16)
        variables = self.d_variables
        logs["nonfinite"], grads, norm = checked_gradients(
            self.d_optimizer, loss, tape.gradient(scaled, variables), D_LOSS, D_GRADS)
        if self.health_logs:
            logs["d_grad_norm"] = norm
        return grads, logs

    def d_step(self, grads, logs):
        """One discriminator update along ``grads`` (``logs``: those of the gradients; the balance gate reads
        D's accuracy there), then ``after_d_step``. Every update rule moves D through this hook."""
        gate = None if self._balance is None else self._balance.d_gate(logs)
        self.apply_update(self.d_optimizer, grads, self.d_variables, gate)
        self.after_d_step()

    def after_d_step(self):
        """Hook run after each discriminator update (e.g. weight clipping)."""

    def g_gradients(self, real, z, fake, tape, real_labels=None, fake_labels=None):
        """G's gradients at the current point; ``fake = G(z)`` was generated under ``tape``, which resumes
        recording here. Returns ``(grads, logs)`` as ``d_gradients`` does."""
        with tape:
            per_example, logs = self.generator_objective(real, z, fake, real_labels, fake_labels)
            loss = global_mean(per_example)
            scaled = self.g_optimizer.scale_loss(loss)
        variables = self.generator.trainable_variables
        logs["nonfinite"], grads, norm = checked_gradients(
            self.g_optimizer, loss, tape.gradient(scaled, variables), G_LOSS, G_GRADS)
        if self.health_logs:
            logs["g_grad_norm"] = norm
        return grads, logs

    def g_step(self, grads, logs):
        """One generator update along ``grads`` (gated by the balance, if set). Every update rule moves G
        through this hook."""
        gate = None if self._balance is None else self._balance.g_gate()
        self.apply_update(self.g_optimizer, grads, self.generator.trainable_variables, gate)

    @staticmethod
    def apply_update(optimizer, grads, variables, gate=None):
        """``optimizer`` applies ``grads``; with a ``gate`` (a 0/1 scalar) the step is kept or undone. Variables
        without a gradient (the blocks a growing network does not use yet) are left alone."""
        pairs = [(g, v) for g, v in zip(grads, variables) if g is not None]
        grads, variables = [g for g, _ in pairs], [v for _, v in pairs]
        if gate is None:
            optimizer.apply_gradients(zip(grads, variables))
            return
        before = [tf.identity(v) for v in variables]
        optimizer.apply_gradients(zip(grads, variables))
        assign_variables(variables, [b + tf.cast(gate, v.dtype) * (v - b) for v, b in zip(variables, before)])

    # ----------------------------------------------------------------- config
    def get_config(self):
        return {
            "name": self.name,
            "generator": keras.saving.serialize_keras_object(self.generator),
            "discriminator": keras.saving.serialize_keras_object(self.discriminator),
            "latent_dim": self.latent_dim,
            "latent_distribution": self.latent_distribution,
            "d_steps": self.d_steps,
            "seed": self.seed,
            "ema_decay": self.ema_decay,
            "ema_warmup": self.ema_warmup,
            "jacobian_truncation": self.jacobian_truncation,
            "update_rule": self.update_rule,
            "balance": self.balance,
            "on_nonfinite": self.on_nonfinite,
            **self.conditioning_config(),
            "auxiliary_classifier": self.auxiliary_classifier,
            "unroll_steps": self.unroll_steps,
            "mixture": self.mixture,
            "health_logs": self.health_logs,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        import keras_gans.networks  # noqa: F401  (registers the subclassed networks, e.g. StyleGenerator)

        config = dict(config)
        for key in ("generator", "discriminator"):
            config[key] = keras.saving.deserialize_keras_object(config[key], custom_objects=custom_objects)
        return cls(**config)
