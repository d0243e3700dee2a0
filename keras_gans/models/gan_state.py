"""What a ``GAN`` keeps beyond its networks: the state its checkpoints hold, its compile configuration for
``.keras`` files, the optimizers' slots, and the trackers of the step's logs."""

import keras


class GANState:
    """Mixed into ``GAN``: ``extra_checkpoint_objects``, ``build_optimizers``, ``get_compile_config`` /
    ``compile_from_config``, ``metrics``, ``running_totals`` and ``clear_nonfinite``."""

    def extra_checkpoint_objects(self):
        """``{name: trackable}``: state a variant adds that checkpoints must keep, named by what it holds
        (``ema_generator``: one shadow weight per weight of G; a component's preset key, e.g.
        ``replay_buffer``, ``d_input_transforms.adaptive_augment``: its variables)."""
        state = {c.key(None): list(c.state()) for c in getattr(self, "_components", ()) if c.state()}
        if self._ema is not None:
            state["ema_generator"] = {w.name.removeprefix("ema_"): w for w in self._ema.weights}
        if self.auxiliary is not None:
            state["auxiliary_classifier"] = list(self.auxiliary.head.weights)
        return state

    def build_optimizers(self):
        """Create optimizer slots now (call inside ``strategy.scope()``), never lazily in a replica."""
        self.d_optimizer.build(self.d_variables)
        self.g_optimizer.build(self.generator.trainable_variables)

    def get_compile_config(self):
        """What ``compile`` was given (optimizers, loss, components), serialised for ``.keras`` files."""
        if not getattr(self, "_gan_compile_args", None):
            return None
        return {key: keras.saving.serialize_keras_object(value) for key, value in self._gan_compile_args.items()}

    def compile_from_config(self, config):
        self.compile(**{key: keras.saving.deserialize_keras_object(value) for key, value in config.items()})

    @property
    def metrics(self):
        return list(getattr(self, "_trackers", {}).values())

    def running_totals(self):
        """``{log: (sum, count)}`` of every log of the step since ``fit`` last reset its metrics (each epoch's
        start): two readings give the mean over the steps between them (``keras_gans.callbacks.TrainingLog``)."""
        return {name: (float(m.total.numpy()), float(m.count.numpy()))
                for name, m in getattr(self, "_trackers", {}).items() if isinstance(m, keras.metrics.Mean)}

    def clear_nonfinite(self):
        """Forget the non-finite codes gathered since the last read (the guard calls it after acting on them)."""
        self._trackers["nonfinite"].reset_state()
