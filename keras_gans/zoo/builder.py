"""Turn a preset (data) into a compiled GAN, inside a distribution strategy's scope."""

import keras
import tensorflow as tf

from keras_gans.distribute import synchronize_batch_norm
from keras_gans.models import MODELS
from keras_gans.registry import call_checked
from keras_gans.networks import DISCRIMINATORS, GENERATORS
from keras_gans.runtime import resolve_jit_compile, resolve_precision

SHARED = ("latent_dim", "resolution", "channels", "data_dim")


SCHEDULES = {
    "exponential": keras.optimizers.schedules.ExponentialDecay,  # initial_learning_rate, decay_steps, decay_rate
    "cosine": keras.optimizers.schedules.CosineDecay,  # initial_learning_rate, decay_steps, alpha
}


def _optimizer_class(name):
    from keras_gans.dynamics import OptimisticAdam, OptimisticSGD

    ours = {"optimistic_adam": OptimisticAdam, "optimistic_sgd": OptimisticSGD}
    if name in ours:
        return ours[name]
    try:
        return type(keras.optimizers.get(name))
    except ValueError:
        raise KeyError(f"Unknown optimizer {name!r}; use optimistic_adam, optimistic_sgd or a Keras optimizer name "
                       "such as adam, rmsprop, sgd.") from None


def make_optimizer(spec):
    """An optimizer from ``{"name": ..., **params}``. ``learning_rate`` may be a schedule
    ``{"schedule": "exponential" | "cosine", **params}``; Keras' ``clipvalue`` / ``global_clipnorm``
    clip gradients by value / global norm and ``weight_decay`` adds the L2 term."""
    spec = dict(spec)
    name = spec.pop("name", "adam")
    lr = spec.get("learning_rate")
    if isinstance(lr, dict):
        lr = dict(lr)
        kind = lr.pop("schedule", None)
        if kind not in SCHEDULES:
            raise KeyError(f"Unknown learning-rate schedule {kind!r}; use {', '.join(SCHEDULES)}.")
        spec["learning_rate"] = call_checked(SCHEDULES[kind], f"schedule {kind!r}", lr)
    return call_checked(_optimizer_class(name), f"optimizer {name!r}", spec)


def _discriminator(preset, d_spec, shared, strategy):
    """The preset's discriminator; with ``discriminator.packing`` m > 1, packed (``keras_gans.networks.packing``)."""
    from keras_gans.checks import ConfigError, as_int
    from keras_gans.networks.packing import packed

    network = d_spec.pop("network")
    packing = as_int(d_spec.pop("packing", 1), "discriminator.packing", 1)

    def build(spec, shared):
        return call_checked(DISCRIMINATORS.get(network), "discriminator network", spec, shared)

    if packing == 1:
        return build(d_spec, shared)
    if preset.get("conditional") or preset.get("num_classes"):
        raise ConfigError("discriminator.packing judges m samples together, so a class label per sample has no place: "
                          "packing and conditioning cannot be combined.")
    replicas = strategy.num_replicas_in_sync
    if preset.get("batch_size") and preset["batch_size"] % (packing * replicas):
        raise ConfigError(f"discriminator.packing={packing} on {replicas} replica(s) needs a batch_size that is a multiple "
                          f"of {packing * replicas}, got {preset['batch_size']}.")
    return packed(build, network, packing, d_spec, shared)


def build_gan(preset, strategy=None):
    """A compiled ``GAN`` (or the preset's model class) with both optimizers built.

    A preset ``seed`` seeds Python, NumPy and TensorFlow (``keras.utils.set_random_seed``) before the
    networks are built, so the same preset starts from the same weights, and seeds the latent draws.
    """
    from keras_gans.zoo.conditional import make_conditional

    make_conditional(preset)  # a conditional preset has its classes by now
    strategy = strategy or tf.distribute.get_strategy()
    precision = resolve_precision(preset.get("precision", "auto"))
    shared = {k: preset[k] for k in SHARED if k in preset}
    shared["dtype"] = None if precision == "float32" else precision
    if preset.get("seed") is not None:
        keras.utils.set_random_seed(preset["seed"])  # reproducible initial weights
    with strategy.scope():
        g_spec, d_spec = dict(preset["generator"]), dict(preset["discriminator"])
        generator = call_checked(GENERATORS.get(g_spec.pop("network")), "generator network", g_spec, shared)
        mixture = (preset.get("model") or {}).get("mixture")
        if mixture:  # MGAN: K generators sharing all but one layer
            from keras_gans.networks.mixture import mixture_generator

            generator = mixture_generator(generator, mixture.get("generators", 2), mixture.get("shared", "all_but_first"))
        discriminator = _discriminator(preset, d_spec, shared, strategy)
        for net in (generator, discriminator):
            synchronize_batch_norm(net, preset.get("sync_batch_norm", True))
        m_spec = dict(preset.get("model", {"name": "gan"}))
        model_cls = MODELS.get(m_spec.pop("name", "gan"))
        gan = call_checked(
            model_cls,
            f"model {model_cls.__name__}",
            m_spec,
            {"generator": generator, "discriminator": discriminator, "latent_dim": preset.get("latent_dim"), "seed": preset.get("seed")},
        )
        players = set(preset["optimizers"]) - {"d", "g"}
        if players:
            raise KeyError(f"optimizers has one entry per player, d and g; not {', '.join(map(repr, sorted(players)))}.")
        d_optimizer, g_optimizer = (make_optimizer(preset["optimizers"][p]) for p in ("d", "g"))
        if precision == "mixed_float16":  # float16's range: each player scales its loss (dynamic, checkpointed)
            d_optimizer, g_optimizer = (keras.optimizers.LossScaleOptimizer(o) for o in (d_optimizer, g_optimizer))
        gan.compile(
            d_optimizer=d_optimizer,
            g_optimizer=g_optimizer,
            loss=preset["loss"],
            regularizers=[{"name": k, **v} for k, v in preset.get("regularizers", {}).items()],
            d_input_transforms=[{"name": k, **v} for k, v in preset.get("d_input_transforms", {}).items()],
            g_regularizers=[{"name": k, **v} for k, v in preset.get("g_regularizers", {}).items()],
            replay_buffer=preset.get("replay_buffer"),
            jit_compile=resolve_jit_compile(preset.get("jit_compile", "auto")),
            steps_per_execution=preset.get("steps_per_execution", 1),
        )
    return gan
