"""How ``GAN`` meets Keras' ``fit``: its data checked where it enters, the non-finite guard, and under a
``tf.distribute`` strategy the same data and the same logs on any number of replicas and workers."""

from keras_gans.distribute import step_logs
from keras_gans.models import training_data
from keras_gans.private_api import BuildWithoutData


class ReplicatedFit(BuildWithoutData):
    """Mixed into ``GAN``: ``fit`` and ``critic_batches`` (the data a step receives), and two repairs of
    Keras 3's TensorFlow trainer under an explicit strategy.

    - Keras builds the model symbolically before training by pulling one batch from a first iterator of the
      data, then trains on a second one. A dataset that reshuffles each iteration (every seeded pipeline of
      ``keras_gans.data``) then trains on its second permutation under a strategy and on its first without
      one, so 2 workers, 2 devices and 1 device would not see the same batches. ``GAN`` is built at compile
      time (networks, optimizer slots, trackers), so no batch is needed: the build runs without data
      (``keras_gans.private_api.BuildWithoutData``).
    - ``fit`` reduces a multi-worker step's outputs along axis 0, which fails on scalar logs
      (tensorflow/tensorflow#72388): ``replicated_logs`` gives them that axis (``distribute.step_logs``)."""

    def fit(self, x=None, y=None, batch_size=None, epochs=1, callbacks=None, shuffle=True, **kwargs):
        """``keras.Model.fit`` on data checked where it enters (``keras_gans.models.training_data``: float in
        [-1, 1], finite; regrouped into ``d_steps`` real batches per step), with the non-finite guard
        (``keras_gans.callbacks.NonFiniteGuard``) added unless ``callbacks`` holds one; raises
        ``NonFiniteError`` when the guard stopped training."""
        from keras_gans.callbacks.nonfinite_guard import NonFiniteGuard

        data = training_data.prepare(x, y, batch_size, shuffle, self.d_steps, len(self.discriminator_sample_shape),
                                     self.seed, num_classes=self.num_classes)
        callbacks = list(callbacks or [])
        guard = next((c for c in callbacks if isinstance(c, NonFiniteGuard)), None)
        if guard is None:
            guard = NonFiniteGuard(self.on_nonfinite)
            callbacks.insert(0, guard)
        import tensorflow as tf

        try:
            history = super().fit(data, epochs=epochs, callbacks=callbacks, shuffle=False, **kwargs)
        except tf.errors.InvalidArgumentError as e:
            problem = training_data.dataset_problem(e)
            if problem is None:
                raise
            raise problem from None
        guard.raise_if_tripped()
        return history

    def critic_batches(self, ds):
        """``ds`` regrouped so that every training step gets ``d_steps`` real batches (what ``fit`` does;
        call it yourself before ``ds.skip(n)`` to skip whole steps)."""
        return training_data.group_critic_batches(ds, self.d_steps, len(self.discriminator_sample_shape))

    def replicated_logs(self, logs):
        """A train step's logs as ``fit`` can reduce them on any strategy."""
        return step_logs(logs, self.distribute_strategy)
