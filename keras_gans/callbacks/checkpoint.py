import keras
import tensorflow as tf


class RunCheckpoint(keras.callbacks.Callback):
    """Saves everything a run needs to continue exactly: both networks, both optimizers' slots, the
    random-number state and the step; every epoch of ``fit``, at the end, and on demand
    (``save()``, e.g. on Ctrl-C). ``restore()`` returns the step it restored (0 if none)."""

    def __init__(self, gan, directory, max_to_keep=3):
        super().__init__()
        self.gan = gan
        self.checkpoint = tf.train.Checkpoint(
            generator=gan.generator,
            discriminator=gan.discriminator,
            d_optimizer=gan.d_optimizer,
            g_optimizer=gan.g_optimizer,
            seed_state=gan.seed_generator.state,
            **{f"extra_{i}": obj for i, obj in enumerate(gan.extra_checkpoint_objects())},
        )
        self.manager = tf.train.CheckpointManager(self.checkpoint, directory, max_to_keep=max_to_keep)

    @property
    def step(self):
        return int(self.gan.g_optimizer.iterations.numpy())

    def save(self):
        return self.manager.save(checkpoint_number=self.step)

    def restore(self, expect_partial=False):
        path = self.manager.latest_checkpoint
        if path is None:
            return 0
        status = self.checkpoint.restore(path)
        if expect_partial:
            status.expect_partial()
        else:
            status.assert_existing_objects_matched()
        return self.step

    def on_epoch_end(self, epoch, logs=None):
        self.save()

    def on_train_end(self, logs=None):
        self.save()
