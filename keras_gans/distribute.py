"""Strategy resolution and the two helpers that keep 1 and N replicas in agreement.

Rules (see the architecture guide):
- every loss is reduced by :func:`global_mean`, which divides a per-replica sum by the *global* batch,
  so that gradients all-reduced (summed) over replicas equal the single-replica gradient;
- random draws are made for the global batch with the same seed on every replica, and each replica
  takes its own contiguous slice (:func:`replica_slice`), which is the slice ``tf.distribute`` gives it
  of the data batch. Replicas therefore draw different latents, and N replicas reproduce 1 replica.
"""

import os

import tensorflow as tf

STRATEGIES = ("auto", "default", "cpu", "gpu", "mirrored", "multi_worker", "tpu")


def num_replicas():
    """Number of replicas of the strategy in scope (a Python int, known at trace time)."""
    return tf.distribute.get_strategy().num_replicas_in_sync


def replica_id():
    """This replica's index in its sync group (0 outside a replica context)."""
    ctx = tf.distribute.get_replica_context()
    if ctx is None:
        return 0
    return ctx.replica_id_in_sync_group


def global_mean(per_example):
    """Sum of ``per_example`` divided by the global batch size (per-replica batch x replicas)."""
    per_example = tf.cast(per_example, tf.float32)
    local = tf.shape(per_example)[0]
    global_batch = tf.cast(local * num_replicas(), tf.float32)
    return tf.reduce_sum(per_example) / global_batch


def global_batch_mean(values):
    """The mean of a per-example [batch] tensor over the *global* batch: summed across replicas (an
    all-reduce, through which gradients flow), divided by the global batch size. Every replica gets the
    same value, the one a single replica computes on the whole batch."""
    values = tf.cast(values, tf.float32)
    total = tf.reduce_sum(values)
    ctx = tf.distribute.get_replica_context()
    if ctx is not None and num_replicas() > 1:
        total = ctx.all_reduce(tf.distribute.ReduceOp.SUM, total)
    return total / tf.cast(tf.shape(values)[0] * num_replicas(), tf.float32)


def global_draw(draw, local_shape):
    """``draw(shape)`` made for the global batch, then sliced to this replica's rows: 1 and N replicas
    see the same numbers (``local_shape``: this replica's shape, batch first)."""
    local_shape = tf.cast(local_shape, tf.int32)
    batch = local_shape[0]
    return replica_slice(draw(tf.concat([[batch * num_replicas()], local_shape[1:]], 0)), batch)


def global_uniform(local_shape, seed, minval=0.0, maxval=1.0):
    """U[minval, maxval) per element, from ``seed`` (a ``keras.random.SeedGenerator``), via ``global_draw``."""
    import keras

    return global_draw(lambda shape: keras.random.uniform(shape, minval, maxval, seed=seed), local_shape)


def global_normal(local_shape, seed):
    """N(0, 1) per element via ``global_draw``."""
    import keras

    return global_draw(lambda shape: keras.random.normal(shape, seed=seed), local_shape)


def cross_replica_sum(value):
    """Sum of ``value`` over the replicas (the value itself outside a replica context)."""
    ctx = tf.distribute.get_replica_context()
    if ctx is None or ctx.num_replicas_in_sync == 1:
        return value
    return ctx.all_reduce(tf.distribute.ReduceOp.SUM, value)


def global_gather(x):
    """The global batch: every replica's rows of ``x`` concatenated in replica order (``x`` itself on
    one replica)."""
    ctx = tf.distribute.get_replica_context()
    if ctx is None or ctx.num_replicas_in_sync == 1:
        return x
    return ctx.all_gather(x, axis=0)


def global_std(x):
    """Standard deviation of all elements of ``x`` over the global batch (every replica's rows)."""
    x = tf.cast(x, tf.float32)
    n = cross_replica_sum(tf.cast(tf.size(x), tf.float32))
    total = cross_replica_sum(tf.reduce_sum(x))
    squares = cross_replica_sum(tf.reduce_sum(tf.square(x)))
    mean = total / n
    return tf.sqrt(tf.maximum(squares / n - tf.square(mean), 0.0))


def assign_variables(variables, values):
    """``v.assign(x)`` for each pair, also from a replica context of a mirrored strategy (where a plain
    assign of a model variable is refused): the assignment goes through ``merge_call`` and
    ``extended.update``, as an optimizer's does. Every replica must pass the same values."""

    def update(strategy, pairs):
        for v, x in pairs:
            strategy.extended.update(v, lambda var, val: var.assign(val), args=(x,), group=False)

    import keras

    pairs = [(v.value if isinstance(v, keras.Variable) else v, x) for v, x in zip(variables, values)]
    tf.__internal__.distribute.interim.maybe_merge_call(update, tf.distribute.get_strategy(), pairs)


def replica_slice(global_tensor, local_batch):
    """Rows ``[id * local_batch, (id + 1) * local_batch)`` of a tensor drawn for the global batch."""
    n = num_replicas()
    if n == 1:
        return global_tensor
    start = replica_id() * local_batch
    return tf.slice(
        global_tensor,
        tf.concat([[start], tf.zeros([tf.rank(global_tensor) - 1], tf.int32)], 0),
        tf.concat([[local_batch], tf.shape(global_tensor)[1:]], 0),
    )


def is_chief_task():
    """Whether this process is the chief of a multi-worker cluster described by ``TF_CONFIG`` (the task
    of type "chief", or worker 0 of a cluster without one); True without ``TF_CONFIG``. Only the chief
    writes a run's files (the TensorFlow multi-worker guide's rule)."""
    import json

    config = json.loads(os.environ.get("TF_CONFIG") or "{}")
    task = config.get("task") or {}
    if not task:
        return True
    if task.get("type") == "chief":
        return True
    return task.get("type") == "worker" and int(task.get("index", 0)) == 0 and "chief" not in config.get("cluster", {})


def step_logs(logs, strategy):
    """A train step's logs as ``fit`` can reduce them under ``strategy``.

    Keras 3 reduces a multi-worker step's outputs with ``strategy.reduce("MEAN", value, axis=0)``, which
    fails on the scalars every step returns ("Invalid reduction dimension 0 for input with 0 dimensions";
    tensorflow/tensorflow#72388). There each value gets a length-1 leading axis, so the reduction is the
    mean over the replicas (our logs are equal on every replica) and ``fit`` sees scalars again."""
    from keras_gans.private_api import in_multi_worker_mode

    multi_worker = isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy) and in_multi_worker_mode(strategy)
    if not multi_worker:
        return logs
    return {name: tf.reshape(value, [1]) for name, value in logs.items()}


def resolve_strategy(name="auto", tpu=None):
    """Return a ``tf.distribute.Strategy`` for ``name``.

    auto: TPU if ``tpu`` is given, all local GPUs with MirroredStrategy if more than one, else the
    default strategy. ``multi_worker`` reads ``TF_CONFIG`` from the environment.
    """
    if name not in STRATEGIES:
        raise ValueError(f"Unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}.")
    if name == "multi_worker":  # first: its collectives must be configured before TensorFlow initialises
        if "TF_CONFIG" not in os.environ:
            raise ValueError("strategy='multi_worker' needs TF_CONFIG in the environment (cluster and task).")
        return tf.distribute.MultiWorkerMirroredStrategy()
    gpus = tf.config.list_logical_devices("GPU")
    if name == "auto":
        if tpu is not None:
            name = "tpu"
        elif len(gpus) > 1:
            name = "mirrored"
        else:
            name = "default"
    if name in ("default", "cpu", "gpu"):
        if name == "gpu" and not gpus:
            raise ValueError("strategy='gpu' but TensorFlow sees no GPU; use 'cpu' or 'auto'.")
        return tf.distribute.get_strategy() if name == "default" else tf.distribute.OneDeviceStrategy(
            "/gpu:0" if name == "gpu" else "/cpu:0"
        )
    if name == "mirrored":
        return tf.distribute.MirroredStrategy()
    try:
        resolver = tf.distribute.cluster_resolver.TPUClusterResolver(tpu=tpu or "")
        tf.config.experimental_connect_to_cluster(resolver)
        tf.tpu.experimental.initialize_tpu_system(resolver)
    except (ValueError, RuntimeError, tf.errors.OpError) as e:
        raise ValueError(f"strategy='tpu' could not reach a TPU ({e}). On a TPU VM give --tpu local; elsewhere the "
                         "TPU's name or grpc:// address (README: 'Train on a Cloud TPU').") from None
    return tf.distribute.TPUStrategy(resolver)


def synchronize_batch_norm(model, synchronized=True):
    """Make every ``BatchNormalization`` of ``model`` (nested ones too) use the global batch's statistics
    across replicas (``synchronized=True``: the mean and variance all-reduced, Keras' SyncBatchNorm) or
    each replica's own (``False``). Set before the first call; returns the number of layers set."""
    import keras

    from keras_gans.private_api import nested_layers

    layers = [layer for layer in nested_layers(model, include_self=True)
              if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in layers:
        layer.synchronized = bool(synchronized)
    return len(layers)


def split_logical_cpus(n):
    """Split the first CPU into ``n`` logical devices (before TensorFlow initialises); for tests."""
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * n)
    return [f"/cpu:{i}" for i in range(n)]
