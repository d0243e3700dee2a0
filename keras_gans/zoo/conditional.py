"""``conditional=true``: any image preset as its conditional version (Mirza & Osindero 2014), made from the
preset, not copied: G's batch norms become class-conditional (``cbn``; ``embed`` where G has none), D gets
the projection head (Miyato & Koyama 2018) unless the model trains an auxiliary classifier (ACGAN), and the
GAN takes ``num_classes`` and the class names and counts of the data."""

from keras_gans.checks import ConfigError, as_int, key_hint

# the networks with a conditioning option (keras_gans.networks.conditioning)
CONDITIONAL_GENERATORS = ("dcgan", "resnet", "mlp", "style")
CONDITIONAL_DISCRIMINATORS = ("dcgan", "resnet", "mlp", "residual")


def _g_conditioning(spec):
    if spec.get("network") in ("mlp", "style") or spec.get("norm", "batch") != "batch":
        return "embed"
    return "cbn"


def make_conditional(preset, require=True):
    """``preset`` (resolved) in place: with ``conditional`` true, its networks and model conditioned on
    ``num_classes`` classes; unchanged otherwise. Without ``num_classes`` it is left for later when not
    ``require`` (``zoo.resolve``: the CLI reads the number from the data), else an error says where the
    number comes from (``build_gan``). Returns it."""
    if not isinstance(preset.get("conditional", False), bool):
        raise ConfigError(f"{key_hint('conditional')} must be true or false, got {preset['conditional']!r}.")
    if not preset.get("conditional"):
        return preset
    if preset.get("num_classes") is None:
        if not require:
            return preset
        raise ConfigError("conditional=true needs num_classes, the classes of the data: keras-gans train reads it from "
                          "the dataset's labels; in Python give zoo.load(..., conditional=True, num_classes=K).")
    k = preset["num_classes"] = as_int(preset["num_classes"], "num_classes", 2)
    g, d, model = preset["generator"], preset["discriminator"], preset["model"]
    for spec, known, role in ((g, CONDITIONAL_GENERATORS, "generator"), (d, CONDITIONAL_DISCRIMINATORS, "discriminator")):
        if spec.get("network") not in known:
            raise ConfigError(f"conditional=true: the {spec.get('network')!r} {role} has no conditioning option yet; "
                              f"conditional {role}s: {', '.join(known)}.")
    if g.get("conditioning") in (None, "none"):
        g["conditioning"] = _g_conditioning(g)
    if d.get("conditioning") in (None, "none") and not model.get("auxiliary_classifier"):
        d["conditioning"] = "projection"
    g["num_classes"] = d["num_classes"] = model["num_classes"] = k
    return preset


def take_classes(preset, source_info):
    """A conditional ``preset`` given the classes of its data (``keras_gans.data.load(...).source_info``): their
    number, names and counts; made conditional. A preset that already has classes (a resumed run) must find
    the same ones in the data. Unconditional presets are returned unchanged."""
    if not preset.get("conditional"):
        return preset
    k, names = source_info.get("num_classes"), source_info.get("class_names")
    had, had_names = preset.get("num_classes"), preset["model"].get("class_names")
    if had is not None and (had != k or (had_names and names and list(had_names) != list(names))):
        raise ConfigError(f"the run has {had} classes ({_names(had_names)}), but the data holds {k} ({_names(names)}): "
                          "a conditional run keeps the classes it started with. Resume it on its own data; a new run "
                          "reads its classes from the data (no --set num_classes needed).")
    preset["num_classes"] = k
    preset["model"]["class_names"] = list(names) if names else None
    counts = source_info.get("class_counts")
    preset["model"]["class_counts"] = None if counts is None else [int(c) for c in counts]
    return make_conditional(preset)


def _names(names, most=6):
    if not names:
        return "unnamed"
    names = list(names)
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")
