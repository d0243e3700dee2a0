"""The one door to Keras' and TensorFlow's private API: what the library needs that has no public form yet.

Each shim is one small function (or a mixin overriding one private method), tested on its own
(``tests/test_private_api.py``), so a Keras release that moves one of them breaks this file only. setup.cfg
bounds Keras below its next major version.
"""


def nested_layers(model, include_self=False):
    """Every layer inside ``model``, nested layers of subclassed layers and models included (Keras' own
    traversal; ``model.layers`` lists only the top level)."""
    return list(model._flatten_layers(include_self=include_self))


def is_functional(model):
    """Whether ``model`` is a functional ``keras.Model(inputs, outputs)`` (its inner layers' outputs can be
    tapped with ``keras.Model(model.inputs, layer.output)``)."""
    from keras.src.models.functional import Functional

    return isinstance(model, Functional)


def in_multi_worker_mode(strategy):
    """Whether a ``MultiWorkerMirroredStrategy`` spans more than one worker (TensorFlow's own test)."""
    return strategy.extended._in_multi_worker_mode()


class BuildWithoutData:
    """Mixed into a ``keras.Model`` that is built at compile time (networks, optimizer slots, metrics): under
    an explicit strategy Keras' ``fit`` builds the model symbolically from one batch of a throwaway
    iterator, which re-seeds a reshuffling dataset, so 1 and N replicas would not see the same batches.
    Where nothing needs data, the symbolic build runs without a batch (Keras' private
    ``_maybe_symbolic_build``, overridden here and only here)."""

    def _maybe_symbolic_build(self, iterator=None, data_batch=None):
        needs_data = not all(layer.built for layer in nested_layers(self)) or any(
            getattr(self, name, None) is not None for name in ("_compile_metrics", "_compile_loss"))
        if needs_data or self._distribute_strategy is None:
            return super()._maybe_symbolic_build(iterator=iterator, data_batch=data_batch)
        with self.distribute_strategy.scope():
            self._symbolic_build(data_batch=data_batch)


def adam_moments(optimizer, variables):
    """(first moments, second moments) of a built Keras ``Adam`` for ``variables``, in their order (Keras keeps
    them in private lists indexed by its own variable keys)."""
    index = [optimizer._get_variable_index(v) for v in variables]
    return [optimizer._momentums[i] for i in index], [optimizer._velocities[i] for i in index]
