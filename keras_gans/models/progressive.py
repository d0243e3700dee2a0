"""Progressive growing of G and D within one ``fit`` (Karras et al. 2018, "Progressive Growing of GANs
for Improved Quality, Stability, and Variation", sec. 3)."""

import keras
import tensorflow as tf

from keras_gans.checks import ConfigError
from keras_gans.models.gan import GAN
from keras_gans.models.growth_schedule import GrowthSchedule
from keras_gans.registry import call_checked


@keras.saving.register_keras_serializable(package="keras_gans")
class ProgressiveGAN(GAN):
    """A ``GAN`` whose networks (``StagedNetwork``: the ``progressive`` G and D) grow from their
    ``start_resolution`` to the data's resolution on the schedule ``growth``
    (``GrowthSchedule``: ``fade_images``, ``stable_images``, ``batch_sizes`` per resolution).

    Only hooks change: ``update_schedules`` sets the fade-in alpha of the step from the step counter
    (inside the traced step), ``prepare_real`` gives D the real batch at the stage's resolution, blended
    with its half-resolution version by the same alpha while a stage fades in (the paper's sec. 3 and
    its reference code's ``process_reals``), and trains on the stage's batch size. The stage itself is a
    Python int of the networks that ``GrowthCallback`` (added by ``fit``) moves at each stage boundary,
    which traces the step once per stage. Everything derives from the step counter, so a checkpoint
    restores the growth state exactly; one taken under another schedule is refused (``after_restore``).

    Args:
        generator: a ``progressive`` generator (``ProgressiveGenerator``).
        discriminator: a ``progressive`` discriminator (``ProgressiveDiscriminator``).
        growth: ``{"fade_images": ..., "stable_images": ..., "batch_sizes": {resolution: batch}}``.
        **kwargs: the parameters of ``GAN``.

    Example:
        >>> gan = keras_gans.zoo.load("progressive_gan", resolution=32)   # builds a ProgressiveGAN
    """

    def __init__(self, generator, discriminator, growth=None, **kwargs):
        super().__init__(generator, discriminator, **kwargs)
        for net, role in ((generator, "generator"), (discriminator, "discriminator")):
            if not hasattr(net, "set_stage"):
                raise ConfigError(f"progressive_gan grows its networks: the {role} must be the 'progressive' network, "
                                  f"got {type(net).__name__}.")
        if generator.resolutions != discriminator.resolutions:
            raise ConfigError(f"generator and discriminator grow through different resolutions: "
                              f"{generator.resolutions} vs {discriminator.resolutions}.")
        self.growth = dict(growth or {})
        self.schedule = call_checked(GrowthSchedule, "model.growth", self.growth, {"resolutions": generator.resolutions})
        self.schedule_fingerprint = self.add_weight(
            shape=(), initializer=keras.initializers.Constant(self.schedule.fingerprint()), trainable=False,
            name="growth_schedule_fingerprint", aggregation="only_first_replica")
        self.discriminator.set_stage(self.generator.stage)
        self._function_stage = None  # the stage the current train function was traced for (GrowthCallback)

    @property
    def stage(self):
        return self.generator.stage

    @property
    def resolution(self):
        """The resolution that trains now."""
        return self.generator.resolutions[self.stage]

    def set_stage(self, stage):
        self.generator.set_stage(stage)
        self.discriminator.set_stage(stage)

    def sync_stage(self):
        """Put the networks at the stage of the step counter (eager); True if it changed."""
        stage = self.schedule.stage_at(int(self.g_optimizer.iterations.numpy()))
        changed = stage != self.stage
        self.set_stage(stage)
        return changed

    def extra_checkpoint_objects(self):
        return {**super().extra_checkpoint_objects(), "growth_schedule_fingerprint": self.schedule_fingerprint}

    def after_restore(self):
        saved = float(self.schedule_fingerprint.numpy())
        if saved != self.schedule.fingerprint():
            raise ConfigError(
                "this checkpoint was trained under another growth schedule (model.growth): its stages start at other "
                "steps, so resuming it under this one would jump or repeat a fade-in. Resume with the run's own "
                f"config.json, or start a new run. This schedule: {self.schedule.describe()}.")
        self.sync_stage()

    # ----------------------------------------------------------------- hooks of the step
    def update_schedules(self):
        super().update_schedules()
        step = tf.cast(self.g_optimizer.iterations, tf.float32)
        alpha = self.schedule.alpha_at(step, self.stage)
        self.generator.alpha.assign(alpha)
        self.discriminator.alpha.assign(alpha)

    def prepare_real(self, real):
        replicas = tf.distribute.get_strategy().num_replicas_in_sync
        batch, data_batch = self.schedule.batch_sizes[self.stage], real.shape[0] * replicas
        if data_batch % batch or (batch // replicas) * replicas != batch:
            raise ConfigError(
                f"model.growth.batch_sizes.{self.resolution} = {batch} must divide the data's batch size ({data_batch}) "
                f"and be divisible by the {replicas} replica(s); set batch_size to the largest of the schedule's batch "
                f"sizes and make the others divide it.")
        real = real[:: data_batch // batch]  # every k-th image: the same images on 1 or N replicas
        net = self.discriminator
        low = net.downscale(real, net.scale_factor())
        if self.stage > 0:
            alpha = tf.cast(net.alpha, low.dtype)
            low = alpha * low + (1.0 - alpha) * net.upscale(net.downscale(low, 2), 2)
        return net.upscale(low, net.scale_factor())

    def train_step(self, data):
        logs = super().train_step(data)
        logs["alpha"] = tf.identity(self.generator.alpha)
        logs["resolution"] = tf.constant(self.resolution, tf.int32)
        return logs

    # ----------------------------------------------------------------- training and sampling
    def fit(self, *args, callbacks=None, **kwargs):
        """``GAN.fit`` with a ``GrowthCallback`` (unless ``callbacks`` holds one): the whole schedule in one call."""
        from keras_gans.callbacks.growth import GrowthCallback

        callbacks = list(callbacks or [])
        if not any(isinstance(c, GrowthCallback) for c in callbacks):
            callbacks.insert(0, GrowthCallback())
        return super().fit(*args, callbacks=callbacks, **kwargs)

    def run_callbacks(self, log_dir=None):
        from keras_gans.callbacks.growth import GrowthCallback

        return [GrowthCallback(log_dir=log_dir)]

    @property
    def sampling_generator(self):
        net = super().sampling_generator
        if net is not self.generator:  # the EMA copy: same stage and alpha as G
            net.set_stage(self.generator.stage)
            net.alpha.assign(self.generator.alpha)
        return net

    def sample_caption(self):
        alpha = float(self.generator.alpha.numpy())
        phase = f"fade-in alpha {alpha:.2f}" if alpha < 1.0 else "stable"
        return f", {self.resolution}x{self.resolution} {phase}"

    def get_config(self):
        return {**super().get_config(), "growth": self.growth}
