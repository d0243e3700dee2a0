"""``health.png``: a run's training-health curves on one page, with a strip of its sample grids over time."""

import os

import numpy as np

from keras_gans.health.curves import Curves

STRIP = 6  # sample grids in the strip


def _panel(ax, curves, names, title, log=False, bands=None):
    drawn = False
    for name in names:
        if name in curves:
            values = curves[name]
            ok = np.isfinite(values) & ((values > 0) if log else True)
            ax.plot(curves.steps[ok], values[ok], label=name, lw=1.2)
            spread = (bands or {}).get(name)
            if spread is not None and spread in curves:
                s = curves[spread]
                ax.fill_between(curves.steps[ok], (values - s)[ok], (values + s)[ok], alpha=0.2)
            drawn = True
    if log and drawn:
        ax.set_yscale("log")
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=7)
    if drawn:
        ax.legend(fontsize=6, loc="best")
    else:
        ax.text(0.5, 0.5, "not logged by this run", ha="center", va="center", fontsize=8, transform=ax.transAxes)
    return drawn


def plot_health(run_dir, out=None):
    """Write ``RUN/health.png`` (or ``out``): losses and penalties; D's logits on real and fake samples (mean,
    and a band of their spread within a batch); D's accuracies and r_t; gradient norms and update-to-weight
    ratios (log scale); the diversity of the fixed batch (and the classes it fills); learning rates, EMA decay
    and ADA's p; the evaluations (FID, ...) where the run made them; a strip of sample grids. Returns the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves = Curves.of_run(run_dir)
    if not len(curves):
        raise ValueError(f"{run_dir}/history.csv holds no row yet (a row is written every --log-every steps).")
    grids = curves.grids
    if len(grids) > STRIP:
        grids = [grids[i] for i in np.linspace(0, len(grids) - 1, STRIP).round().astype(int)]
    fig = plt.figure(figsize=(14, 13 if grids else 10.5))
    rows = 5 if grids else 4
    gs = fig.add_gridspec(rows, max(2, len(grids)) if grids else 2, height_ratios=[1] * 4 + ([1.1] if grids else []))
    half = max(1, (len(grids) if grids else 2) // 2)
    spots = [(r, slice(0, half)) for r in range(4)] + [(r, slice(half, None)) for r in range(4)]
    axes = [fig.add_subplot(gs[r, c]) for r, c in spots]
    _panel(axes[0], curves, curves.losses, "losses and penalties")
    _panel(axes[1], curves, ["real_logit", "fake_logit", "train_logit", "held_out_logit"],
           "D's logits (mean; band: spread within a batch)",
           bands={"real_logit": "real_logit_std", "fake_logit": "fake_logit_std"})
    _panel(axes[2], curves, ["real_accuracy", "fake_accuracy", "r_t"], "D's accuracy on real / fake, r_t")
    _panel(axes[3], curves, ["d_grad_norm", "g_grad_norm"], "gradient norms", log=True)
    _panel(axes[4], curves, ["d_update_ratio", "g_update_ratio", "jacobian_condition"],
           "update-to-weight ratio per step; G's Jacobian condition number", log=True)
    _panel(axes[5], curves, ["diversity", "real_diversity"], "diversity of a fixed latent batch (and of real data)")
    if "sample_classes" in curves:
        twin = axes[5].twinx()
        twin.plot(curves.steps, curves["sample_classes"], color="gray", ls="--", lw=1, label="classes filled")
        twin.tick_params(labelsize=7)
        twin.legend(fontsize=6, loc="lower right")
    _panel(axes[6], curves, ["d_learning_rate", "g_learning_rate", "ema_decay", "ada_p"],
           "learning rates, EMA decay, ADA p", log=True)
    ax = axes[7]
    if curves.metrics:
        for name, (steps, values) in curves.metrics.items():
            ok = np.isfinite(values)
            ax.plot(steps[ok], values[ok], "o-", label=name, lw=1.2, ms=3)
        ax.legend(fontsize=6)
        ax.set_title("evaluations", fontsize=9)
        ax.tick_params(labelsize=7)
    else:
        _panel(ax, curves, ["images_per_second"], "images per second (no evaluation: train --eval-every N)")
    for a in axes:
        a.set_xlabel("step", fontsize=7)
    for i, (step, path) in enumerate(grids):
        a = fig.add_subplot(gs[4, i])
        image = plt.imread(path)
        a.imshow(image, cmap="gray" if image.ndim == 2 else None, vmin=0.0, vmax=1.0)  # grayscale grids stay gray
        a.set_title(f"step {step}", fontsize=8)
        a.axis("off")
    fig.suptitle(f"{os.path.basename(os.path.normpath(run_dir))}: training health, steps {int(curves.steps[0])}.."
                 f"{int(curves.steps[-1])}", fontsize=11)
    fig.tight_layout()
    out = out or os.path.join(run_dir, "health.png")
    fig.savefig(out, dpi=80)
    plt.close(fig)
    return out
