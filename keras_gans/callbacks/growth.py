"""Moves the stage of progressive growing during ``fit`` (Karras et al. 2018, sec. 3)."""

import keras


class GrowthCallback(keras.callbacks.Callback):
    """Moves a ``ProgressiveGAN`` to the stage of its step counter: when ``fit`` starts (a new run, a
    resume), after each epoch (a rollback may have restored an earlier step) and at every stage boundary
    of its schedule. A stage change makes Keras trace the step again, so each stage is traced once; within
    a stage the per-step work is one integer comparison (alpha moves inside the traced step). With
    ``log_dir`` it writes the resolution and alpha to TensorBoard at every stage change and epoch end.

    Args:
        log_dir: a TensorBoard folder for the stage, alpha and stage grids (optional).

    Example:
        >>> gan.fit(data, callbacks=[GrowthCallback(log_dir="runs/pg/tensorboard")])
    """

    def __init__(self, log_dir=None):
        super().__init__()
        self.log_dir = log_dir
        self.step, self.next = 0, None
        self._writer = None

    def _sync(self):
        model = self.model
        self.step = int(model.g_optimizer.iterations.numpy())
        model.sync_stage()
        if model._function_stage != model.stage:
            model.make_train_function(force=True)
            model._function_stage = model.stage
        self.next = model.schedule.next_boundary(self.step)

    def on_train_begin(self, logs=None):
        _quiet_expected_retracing()
        self.model._function_stage = None  # the function Keras just made was not traced for any stage yet
        self._sync()
        self._log()

    def on_epoch_begin(self, epoch, logs=None):
        self._sync()

    def on_train_batch_begin(self, batch, logs=None):
        if self.next is not None and self.step >= self.next:
            self._sync()
            self._log()

    def on_train_batch_end(self, batch, logs=None):
        self.step += int(getattr(self.model, "steps_per_execution", 1) or 1)

    def on_epoch_end(self, epoch, logs=None):
        self._log()

    def _log(self):
        if self.log_dir is None:
            return
        import tensorflow as tf

        if self._writer is None:
            self._writer = tf.summary.create_file_writer(self.log_dir)
        with self._writer.as_default():
            step = int(self.model.g_optimizer.iterations.numpy())
            tf.summary.scalar("growth/resolution", self.model.resolution, step=step)
            tf.summary.scalar("growth/alpha", float(self.model.generator.alpha.numpy()), step=step)
            tf.summary.scalar("growth/stage", self.model.stage, step=step)
        self._writer.flush()


class _DropRetracingWarning:
    """TensorFlow warns when functions are traced often; growth retraces once per stage by design."""

    def filter(self, record):
        return "triggered tf.function retracing" not in record.getMessage()


def _quiet_expected_retracing():
    import tensorflow as tf

    logger = tf.get_logger()
    if not any(isinstance(f, _DropRetracingWarning) for f in logger.filters):
        logger.addFilter(_DropRetracingWarning())
