"""What ``keras-gans train`` says before its first step: the data, the networks, the disk the run will take,
and warnings where a legal setting is costly (a run directory of several GB, dozens of critic steps per
generator step)."""

import math
import os
import shutil

WARN_BYTES = 2 * 1024**3  # a run directory above this gets a warning
WARN_D_STEPS = 32  # critic steps per generator step above this get a warning


def _size(nbytes):
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if nbytes >= scale:
            return f"{nbytes / scale:.1f} {unit}"
    return f"{int(nbytes)} B"


def variable_bytes(variables):
    """Bytes of ``variables``, each counted once."""
    import tensorflow as tf

    unique = {id(v): v for v in variables}.values()
    return sum(math.prod(int(d) for d in v.shape) * tf.as_dtype(v.dtype).size for v in unique)


def state_bytes(gan):
    """Bytes of one checkpoint: every weight of the GAN (G, D, EMA and components' state) and both optimizers'
    slots."""
    return variable_bytes([*gan.weights, *gan.d_optimizer.variables, *gan.g_optimizer.variables])


def disk_estimate(gan, preset, steps, sample_every):
    """(bytes, explanation) of the run directory at its end: the checkpoints kept, the exported generator,
    the sample grids (PNG, counted uncompressed: an upper bound)."""
    from keras_gans.callbacks.checkpoint import RunCheckpoint

    kept = RunCheckpoint.MAX_TO_KEEP
    checkpoint, generator = state_bytes(gan), variable_bytes(gan.generator.weights)
    grids = (steps // sample_every if sample_every else 0) + 1
    grid = 64 * preset["resolution"] ** 2 * preset["channels"] if "resolution" in preset else 40_000
    total = kept * checkpoint + generator + grids * grid
    return total, (f"{kept} checkpoints of {_size(checkpoint)}, the generator {_size(generator)}, "
                   f"{grids} sample grid{'s' if grids > 1 else ''} of at most {_size(grid)}")


def describe_data(ds, preset):
    """One line on what the source holds and what was done to it."""
    info = getattr(ds, "source_info", None) or {}
    n, shape, classes = info.get("samples"), info.get("shape"), info.get("num_classes")
    parts = [f"{n:,} samples" if n else "samples"]
    if shape is not None and len(shape) == 3:
        h, w, c = (d if d is not None else "?" for d in shape)
        parts = [f"{n:,} images" if n else "images", f"{h}x{w}x{c}"]
    elif shape is not None:
        parts = [f"{n:,} {shape[-1]}-D points" if n else f"{shape[-1]}-D points"]
    parts.append(f"({info.get('kind', 'dataset')}; {classes} classes)" if classes else f"({info.get('kind', 'dataset')})")
    done = []
    if "resolution" in preset and shape is not None and len(shape) == 3:
        target = preset["resolution"]
        how = preset["dataset"].get("resize", "bilinear")
        if shape[0] is None or shape[1] is None:
            done.append(f"each resized to {target}x{target} ({how})")
        elif (shape[0], shape[1]) != (target, target):
            done.append(f"{'padded' if how == 'pad' else 'resized'} to {target}x{target}"
                        f"{'' if how == 'pad' else f' ({how})'}")
        for c in info.get("converted") or ([shape[2]] if shape[2] not in (None, preset["channels"]) else []):
            done.append(f"{c}-channel images converted to {preset['channels']} channel{'s' if preset['channels'] > 1 else ''}")
    return "data: " + " ".join(parts) + ("; " + ", ".join(done) if done else "")


def startup_lines(gan, ds, preset, steps, sample_every, out):
    """(summary lines, warning lines) printed before training."""
    g, d = gan.generator.count_params(), gan.discriminator.count_params()
    total, why = disk_estimate(gan, preset, steps, sample_every)
    lines = [describe_data(ds, preset),
             f"networks: G {g:,} parameters, D {d:,}; latent_dim {gan.latent_dim}, d_steps {gan.d_steps}",
             f"disk: the run directory will take about {_size(total)} ({why})"]
    if gan.conditional:
        names = [gan.class_name(c) for c in range(gan.num_classes)]
        shown = ", ".join(names[:10]) + (", ..." if len(names) > 10 else "")
        lines.insert(2, f"classes: {gan.num_classes} ({shown}); G conditioned by {preset['generator'].get('conditioning')}, "
                        f"D by {preset['discriminator'].get('conditioning')}; fake labels drawn {gan.label_distribution}")
    warnings = []
    if total > WARN_BYTES:
        warnings.append(f"warning: the run directory will take about {_size(total)} ({why}); G has {g:,} parameters "
                        f"(latent_dim {gan.latent_dim}). Lower latent_dim or the networks' widths if that is not meant.")
    parent = os.path.abspath(out)
    while not os.path.isdir(parent):
        parent = os.path.dirname(parent)
    free = shutil.disk_usage(parent).free
    if total > free:
        warnings.append(f"warning: the run needs about {_size(total)} but {parent} has {_size(free)} free; the run "
                        "will stop when the disk is full (its last checkpoint is kept).")
    if gan.d_steps > WARN_D_STEPS:
        warnings.append(f"warning: model.d_steps={gan.d_steps}: every generator step runs {gan.d_steps} critic updates on "
                        f"{gan.d_steps} real batches, so a step takes about {gan.d_steps}x as long as with d_steps 1 "
                        "(WGAN-GP uses 5). The progress bar counts generator steps.")
    return lines, warnings
