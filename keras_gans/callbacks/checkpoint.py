import glob
import os
import shutil
import sys

import keras
import tensorflow as tf

from keras_gans.models.nonfinite import nonfinite_variables


def _warn(message):
    print(f"warning: {message}", file=sys.stderr)


class RunCheckpoint(keras.callbacks.Callback):
    """Saves everything a run needs to continue exactly: both networks, both optimizers' slots, the
    random-number state and the step; every epoch of ``fit``, at the end, and on demand
    (``save()``, e.g. on Ctrl-C). ``restore()`` returns the step it restored (0 if none).

    Survives interruptions: ``remove_temporaries()`` (called by ``keras-gans train``) deletes the folders
    TensorFlow leaves behind when a save is killed (``*_temp*``); a checkpoint that cannot be read (truncated, a file deleted) is skipped with a
    warning for the previous intact one; weights holding NaN or inf are never saved. With a ``guard``
    (``NonFiniteGuard``) that stopped training, the end of ``fit`` saves nothing, so the last checkpoint is
    the last good state.

    Args:
        gan: the GAN whose state is saved.
        directory: the checkpoint folder.
        max_to_keep: checkpoints kept.
        guard: the ``NonFiniteGuard``: after it stopped training, the end of ``fit`` saves nothing.
        read_from: another folder to restore from (a non-chief worker reads the chief's).

    Example:
        >>> checkpoint = RunCheckpoint(gan, "runs/dcgan/checkpoints")
        >>> step = checkpoint.restore()
    """

    MAX_TO_KEEP = 3  # checkpoints a run keeps by default (what the start-up summary counts on disk)

    def __init__(self, gan, directory, max_to_keep=MAX_TO_KEEP, guard=None, read_from=None):
        """``read_from``: restore from that folder's checkpoints instead (a multi-worker run's non-chief
        worker saves into a temporary folder but continues from the chief's checkpoints)."""
        super().__init__()
        self.gan, self.directory, self.guard = gan, directory, guard
        self.checkpoint = tf.train.Checkpoint(
            generator=gan.generator,
            discriminator=gan.discriminator,
            d_optimizer=gan.d_optimizer,
            g_optimizer=gan.g_optimizer,
            seed_state=gan.seed_generator.state,
            **gan.extra_checkpoint_objects(),
        )
        self.manager = tf.train.CheckpointManager(self.checkpoint, directory, max_to_keep=max_to_keep)
        self.reader = self.manager if read_from is None else tf.train.CheckpointManager(self.checkpoint, read_from, None)

    def remove_temporaries(self):
        for path in glob.glob(os.path.join(glob.escape(self.directory), "*_temp*")):
            shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else os.remove(path)

    @property
    def step(self):
        return int(self.gan.g_optimizer.iterations.numpy())

    def save(self):
        """The path written, or None when the weights are not finite (nothing is written then)."""
        bad = nonfinite_variables(self.gan.weights)
        if bad:
            _warn(f"step {self.step}: not checkpointed, {len(bad)} weight tensor(s) hold NaN or inf "
                  f"(first: {bad[0]}); the last checkpoint stays the last good state.")
            return None
        return self.manager.save(checkpoint_number=self.step)

    def restore(self, expect_partial=False):
        """Restore the newest intact checkpoint; 0 if there is none."""
        paths = list(reversed(self.reader.checkpoints))
        for path in paths:
            try:
                status = self.checkpoint.restore(path)
                if expect_partial:
                    status.expect_partial()
                else:
                    status.assert_existing_objects_matched()
            except (tf.errors.OpError, AssertionError, ValueError, IndexError, OSError, RuntimeError) as e:  # damage shows as any of these
                reason = (getattr(e, "message", None) or str(e)).strip().splitlines()[0][:200]
                _warn(f"checkpoint {path} cannot be read ({type(e).__name__}: {reason}); "
                      "falling back to the previous one.")
                continue
            self.gan.after_restore()  # e.g. refuses a checkpoint of another growth schedule
            return self.step
        if paths:
            raise FileNotFoundError(
                f"None of the checkpoints in {self.directory} can be read ({', '.join(map(os.path.basename, paths))}); "
                "the run cannot continue. Start a new run with another --out."
            )
        return 0

    def on_epoch_end(self, epoch, logs=None):
        if self.guard is None or not self.guard.tripped:
            self.save()

    def on_train_end(self, logs=None):
        self.on_epoch_end(None)
