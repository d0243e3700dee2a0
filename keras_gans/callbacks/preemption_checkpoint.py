import keras
import tensorflow as tf


class PreemptionCheckpoint(keras.callbacks.Callback):
    """A SIGTERM to any worker of a multi-worker run saves one checkpoint on every worker at the same step,
    then ends ``fit`` with ``Preempted`` on each: TensorFlow's ``PreemptionCheckpointHandler``
    (``tf.distribute.experimental``), which agrees on the step through the cluster's coordination service,
    so no worker waits in a collective that another has left. A checkpoint save in a multi-worker run is
    itself a collective, which is why a plain signal handler cannot do this.

    Args:
        strategy: the run's ``tf.distribute.MultiWorkerMirroredStrategy``.
        run_checkpoint: the run's ``RunCheckpoint`` (its manager writes the checkpoint, named by the step).

    Example:
        >>> gan.fit(data, callbacks=[ckpt, PreemptionCheckpoint(strategy, ckpt)])
    """

    def __init__(self, strategy, run_checkpoint):
        super().__init__()
        self.strategy, self.run_checkpoint, self.handler = strategy, run_checkpoint, None

    def on_train_begin(self, logs=None):
        from keras_gans.cli.preemption import Preempted

        def leave():
            raise Preempted(saved=True)

        # created once the run's own restore is done: it restores the same newest checkpoint of the manager
        self.handler = tf.distribute.experimental.PreemptionCheckpointHandler(
            self.strategy.cluster_resolver, self.run_checkpoint.manager,
            termination_config=tf.distribute.experimental.TerminationConfig(exit_fn=leave))

    def on_train_batch_end(self, batch, logs=None):
        self.handler.save_checkpoint_if_preempted(checkpoint_number=self.run_checkpoint.step)
