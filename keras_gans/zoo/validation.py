"""The generic checks of a resolved preset, made once where its values enter (``zoo.resolve``), never in the
step: the shape and run keys every preset has, and the optimizers. Components, models and networks check
their own parameters where they are constructed (``keras_gans.component``).

Each check names the key, the value it got, what it expects and what to do; numbers given as JSON ints
where floats are expected (``learning_rate=1``) are converted, whole floats where ints are expected
(``d_steps=2.0``) too. Errors are ``ConfigError`` (a ``ValueError``)."""

from keras_gans.checks import PRECISIONS, ZCA_REFUSED, ConfigError, as_float, as_int, key_hint, nonfinite_policy

CHANNELS = (1, 3)


def _check_learning_rate(spec, key):
    lr = spec.get("learning_rate")
    if lr is None:
        return
    if isinstance(lr, dict):
        if "initial_learning_rate" in lr:
            lr["initial_learning_rate"] = as_float(lr["initial_learning_rate"], key + ".initial_learning_rate", 0.0,
                                                   low_open=True)
        if "decay_steps" in lr:
            lr["decay_steps"] = as_int(lr["decay_steps"], key + ".decay_steps", 1)
        return
    value = as_float(lr, key + ".learning_rate", 0.0) if not isinstance(lr, str) else lr  # 0 freezes the player
    spec["learning_rate"] = value


def _check_optimizer(spec, key):
    if not isinstance(spec, dict):
        raise ConfigError(f"{key} must be a dict such as {{'name': 'adam', 'learning_rate': 2e-4}}, got {spec!r}.")
    _check_learning_rate(spec, key)
    for beta in ("beta_1", "beta_2", "rho", "momentum"):
        if beta in spec:
            spec[beta] = as_float(spec[beta], f"{key}.{beta}", 0.0, 1.0, high_open=True)
    for positive in ("clipvalue", "clipnorm", "global_clipnorm", "epsilon"):
        if spec.get(positive) is not None:
            spec[positive] = as_float(spec[positive], f"{key}.{positive}", 0.0, low_open=True)
    if spec.get("weight_decay") is not None:
        spec["weight_decay"] = as_float(spec["weight_decay"], f"{key}.weight_decay", 0.0)


def _check_growth(preset):
    """A growing network must reach the preset's resolution by doubling (an error names the reachable ones)."""
    from keras_gans.models.growth_schedule import growth_resolutions

    for role in ("generator", "discriminator"):
        spec = preset.get(role, {})
        if spec.get("network") == "progressive" and preset.get("resolution") is not None:
            growth_resolutions(spec.get("start_resolution", 4), preset["resolution"])


def validate_preset(preset):
    """Check and normalise ``preset`` in place (see the module docstring); returns it."""
    preset["batch_size"] = as_int(preset["batch_size"], "batch_size", 1)
    for key in ("latent_dim", "data_dim", "steps"):
        if preset.get(key) is not None:
            preset[key] = as_int(preset[key], key, 1)
    if preset.get("resolution") is not None:
        preset["resolution"] = as_int(preset["resolution"], "resolution", 4)
    if preset.get("channels") is not None:
        preset["channels"] = as_int(preset["channels"], "channels", 1)
        if preset["channels"] not in CHANNELS:
            raise ConfigError(f"{key_hint('channels')} must be 1 (grayscale) or 3 (RGB), got {preset['channels']}.")
    if preset.get("seed") is not None:
        preset["seed"] = as_int(preset["seed"], "seed", 0)
    if preset.get("precision", "auto") not in PRECISIONS:
        raise ConfigError(f"{key_hint('precision')} must be one of {', '.join(PRECISIONS)}, got {preset['precision']!r}.")
    if preset.get("jit_compile", "auto") not in ("auto", True, False):
        raise ConfigError(f"{key_hint('jit_compile')} must be auto, true or false, got {preset['jit_compile']!r}.")
    if not isinstance(preset.get("sync_batch_norm", True), bool):
        raise ConfigError(f"{key_hint('sync_batch_norm')} must be true or false, got {preset['sync_batch_norm']!r}.")
    if "steps_per_execution" in preset:
        preset["steps_per_execution"] = as_int(preset["steps_per_execution"], "steps_per_execution", 1)
    policy, _ = nonfinite_policy(preset.get("model", {}).get("on_nonfinite"))
    for player in ("d", "g"):
        spec = preset["optimizers"].get(player)
        _check_optimizer(spec, f"optimizers.{player}")
        if policy == "rollback" and isinstance(spec.get("learning_rate"), dict):
            raise ConfigError(f"model.on_nonfinite=rollback halves the learning rate, which needs a constant rate; "
                              f"optimizers.{player}.learning_rate is a schedule. Use on_nonfinite=stop or skip.")
    _check_growth(preset)
    dataset = preset.get("dataset", {})
    if dataset.get("channels") is not None:
        dataset["channels"] = as_int(dataset["channels"], "dataset.channels", 1)
        if dataset["channels"] not in CHANNELS:
            raise ConfigError(f"{key_hint('dataset.channels')} must be 1 or 3, got {dataset['channels']}.")
    if dataset.get("zca") is not None:
        raise ConfigError("dataset.zca: " + ZCA_REFUSED)
    if "num_samples" in dataset:
        dataset["num_samples"] = as_int(dataset["num_samples"], "dataset.num_samples", 1)
    return preset
