"""The command line's grammar. Imports nothing heavy: ``--help`` answers without TensorFlow, and every
number is checked here, where it enters, with argparse's usage message and exit code 2."""

import argparse
import os

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
EXIT_BAD_INPUT, EXIT_NONFINITE, EXIT_INTERRUPTED = 2, 3, 130
EXPORT_FORMATS = ("saved_model", "tflite", "onnx")  # keras_gans.export.formats.format_names(), without TensorFlow


def _integer(text, minimum, what):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects {what}, got {text!r}") from None
    if value != int(value) or value < minimum:
        raise argparse.ArgumentTypeError(f"expects {what}, got {text}")
    return int(value)


def positive_int(text):
    return _integer(text, 1, "a whole number >= 1")


def non_negative_int(text):
    return _integer(text, 0, "a whole number >= 0 (0: never)")


def image_path(text):
    if not text.lower().endswith(IMAGE_EXTENSIONS):
        raise argparse.ArgumentTypeError(f"writes PNG or JPEG; give a name ending in .png or .jpg, got {text!r}")
    return text


def _at_least_two(text):
    return _integer(text, 2, "a whole number >= 2 (a walk's two ends)")


def truncation_psi(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects a number psi in [0, 1] (0.7 is common), got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expects psi in [0, 1] (1: no truncation, 0: the average image), got {text}")
    return value


def kept_fraction(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expects the fraction of latents kept, in (0, 1] (0.8 is common), got {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"expects a fraction in (0, 1] (1: keep every latent), got {text}")
    return value


def assignment(text):
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expects KEY=VALUE with no spaces around '=' (e.g. --set resolution=64), "
                                         f"got {text!r}")
    return text


def metric_list(text):
    metrics = [m.strip() for m in text.split(",") if m.strip()]
    if not metrics:
        raise argparse.ArgumentTypeError("expects comma-separated metric names, e.g. fid,kid")
    return metrics


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Examples kept as written; every option's default shown (unless it has none)."""

    def _get_help_string(self, action):
        text = action.help or ""
        none = action.default is None or action.default is False or action.default == [] or action.default == argparse.SUPPRESS
        if "%(default)" in text or none or not action.option_strings:
            return text
        return text + " (default: %(default)s)"


METRICS_HELP = """metrics and what they need:
  fid, kid, pr    features of --extractor: the packaged MNIST classifier for grayscale images, Inception-v3
                  for colour (TF-GAN's module, downloaded once from TF-Hub, or inception:PATH offline), the
                  points themselves for 2-D data; compared with as many real samples (--n) of the run's data
  is              class logits: Inception-v3 (colour) or the MNIST classifier (grayscale)
  mmd, swd        the same features as fid
  modes           the toy mixture's centres (ring, grid), or the MNIST classifier (digits; stacked MNIST)
  ppl             the features of --extractor along latent interpolations; no real samples
  accuracy        a conditional run: the share of samples that a classifier assigns to the class they were
                  drawn for: --classifier FILE.keras, or the packaged MNIST classifier (digits)
  intra_fid       a conditional run: the mean over classes of each class's FID against its real images"""

EXAMPLES = {
    "train": "keras-gans train dcgan_ema --dataset path/to/images --steps 3000 --out runs/faces\n"
             "  keras-gans train runs/faces --resume --steps 6000",
    "sample": "keras-gans sample runs/faces --n 64 --out grid.png\n  keras-gans sample runs/digits --per-class 10 --out classes.png",
    "export": "keras-gans export runs/faces --out faces_generator\n  keras-gans export runs/faces --format tflite    # writes runs/faces/generator_tflite/",
    "eval": "keras-gans eval runs/faces --metrics fid,kid --n 10000",
    "interpolate": "keras-gans interpolate runs/faces --n 8 --steps 12 --out walk.png --gif\n"
                   "  keras-gans interpolate runs/digits --labels 3,8 --out three_to_eight.png",
    "project": "keras-gans project runs/faces photo1.png photo2.jpg --out projections/ --steps 500",
    "list": "keras-gans list",
    "plot": "keras-gans plot runs/faces    # writes runs/faces/health.png",
    "doctor": "keras-gans doctor runs/faces\n  keras-gans doctor runs/faces --json > diagnosis.json",
    "launch": "keras-gans launch --workers 2 -- train dcgan --steps 100 --out runs/two_workers",
}


def _subcommand(sub, name, common, text, epilog=""):
    example = f"example:\n  {EXAMPLES[name]}"
    return sub.add_parser(name, parents=[common], help=text, description=text, formatter_class=_HelpFormatter,
                          epilog=f"{epilog}\n\n{example}" if epilog else example)


def build_parser():
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="show TensorFlow's own log lines (hidden by default)")
    p = argparse.ArgumentParser(prog="keras-gans", description="Train, sample and export GANs from the keras_gans zoo.",
                                parents=[common])
    sub = p.add_subparsers(dest="command", required=True)

    t = _subcommand(sub, "train", common, "train a preset; writes samples, checkpoints and the exported generator",
                    "exit codes: 0 done, 2 bad input, 3 stopped by the non-finite guard, 130 interrupted (Ctrl-C) and\n"
                    "143 stopped by SIGTERM (a pre-emption), both with a checkpoint saved")
    t.add_argument("preset", help="a preset name (see `keras-gans list`), or a run directory to continue with --resume")
    t.add_argument("--dataset", help="a TFDS name, ring/grid, or a path (IDX folder, .npz, image folder); "
                                     "with --resume: the new place of a run's dataset that moved")
    t.add_argument("--steps", type=positive_int, default=None, help="generator updates in total (default: the preset's "
                                                                    "steps, else 10000)")
    t.add_argument("--batch-size", type=positive_int, help="global batch size")
    t.add_argument("--out", help="run directory (default runs/PRESET)")
    t.add_argument("--set", action="append", default=[], type=assignment, metavar="KEY=VALUE", help="override a preset key, e.g. optimizers.d.learning_rate=1e-4")
    t.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    t.add_argument("--restart", action="store_true",
                   help="start the run in --out again at step 0 with its config.json, when it holds no checkpoint "
                        "(a start stopped before its first one, or checkpoints/ deleted)")
    t.add_argument("--sample-every", type=non_negative_int, default=500, help="write a sample grid every N steps (0: only at the end)")
    t.add_argument("--log-every", type=non_negative_int, default=50,
                   help="write the training-health curves every N steps: RUN/history.csv and RUN/tensorboard (0: off)")
    t.add_argument("--checkpoint-every", type=positive_int, default=500, help="checkpoint every N steps")
    t.add_argument("--on-nonfinite", choices=("stop", "skip", "rollback"),
                   help="what a NaN or inf loss or gradient does (default: the preset's model.on_nonfinite, stop)")
    t.add_argument("--strategy", default="auto", choices=("auto", "default", "cpu", "gpu", "mirrored", "multi_worker", "tpu"),
                   help="the tf.distribute strategy (multi_worker reads TF_CONFIG; see docs/distribution.md)")
    t.add_argument("--tpu", default=None, help="with --strategy tpu: the TPU's name or grpc:// address ('local' on a TPU VM)")
    t.add_argument("--eval-every", type=non_negative_int, default=0, help="evaluate --eval-metrics every N steps (TensorBoard: RUN/tensorboard)")
    t.add_argument("--eval-metrics", type=metric_list, default="fid",
                   help="comma-separated metrics for --eval-every (what each needs: keras-gans eval --help)")
    t.add_argument("--eval-n", type=positive_int, default=2000, help="samples per evaluation during training")
    t.add_argument("--eval-extractor", default="auto", help="features for --eval-every, as eval's --extractor")

    s = _subcommand(sub, "sample", common, "write a grid (or scatter plot) of samples from a run")
    s.add_argument("run_dir", help="a run directory of `keras-gans train` (its latest checkpoint is used)")
    s.add_argument("--n", type=positive_int, default=64, help="samples in the grid")
    s.add_argument("--out", type=image_path, default="samples.png", help="a .png or .jpg file")
    s.add_argument("--seed", type=non_negative_int, default=0, help="seed of the latents: the same seed, the same samples")
    s.add_argument("--truncation", type=truncation_psi, default=None,
                   help="truncation trick psi of a style-based generator: 1 none, 0.7 typical, 0 the average w")
    s.add_argument("--jacobian-truncation", type=kept_fraction, default=None, metavar="KEEP",
                   help="keep this fraction of drawn latents, those where G is smoothest (default: the run's "
                        "model.jacobian_truncation; 1: keep all)")
    s.add_argument("--labels", default=None, metavar="CLASSES",
                   help="a conditional run: the classes to sample, by index or name, comma-separated (e.g. 3 or cat,dog); "
                        "one class fills the grid, several get a row each")
    s.add_argument("--per-class", type=positive_int, default=None, metavar="K",
                   help="a conditional run: K samples of each class (of --labels, or of every class), one captioned row per class")

    s.add_argument("--generator", default=None, metavar="K",
                   help="a mixture of generators (model.mixture): the samples of generator K only, or 'all' for one "
                        "captioned row per generator")

    e = _subcommand(sub, "export", common, "export a run's generator as a SavedModel (z -> uint8 images), or for "
                                           "another runtime (TFLite / LiteRT, ONNX), checked against the SavedModel")
    e.add_argument("run_dir", help="a run directory of `keras-gans train` (its latest checkpoint is exported)")
    e.add_argument("--out", help="a new folder (default RUN_DIR/generator, RUN_DIR/generator_tflite, RUN_DIR/generator_onnx)")
    e.add_argument("--format", default="saved_model", choices=EXPORT_FORMATS,
                   help="saved_model (float32, TF Serving), tflite (float32, float16 and dynamic-range int8 files) or "
                        "onnx (needs pip install 'keras_gans[onnx]')")

    i = _subcommand(sub, "interpolate", common, "draw latent walks of a run: rows of linear and spherical "
                                                "interpolations between random latents (and an animated GIF)")
    i.add_argument("run_dir", help="a run directory of `keras-gans train` (its latest checkpoint is used)")
    i.add_argument("--n", type=positive_int, default=8, help="walks (pairs of random latents)")
    i.add_argument("--steps", type=_at_least_two, default=12, help="images along each walk, both ends included")
    i.add_argument("--out", type=image_path, default="walk.png", help="a .png or .jpg file")
    i.add_argument("--method", choices=("both", "slerp", "linear"), default="both",
                   help="spherical (slerp), linear, or both (a linear and a spherical row per pair)")
    i.add_argument("--space", choices=("z", "w"), default="z", help="walk in z, or in w (a style-based generator)")
    i.add_argument("--labels", default=None, metavar="CLASS[,CLASS]",
                   help="a conditional run: walks within one class (3), or from one class to another (3,8)")
    i.add_argument("--generator", type=non_negative_int, default=None, metavar="K",
                   help="a mixture of generators: walks of generator K (default: one drawn per walk)")
    i.add_argument("--truncation", type=truncation_psi, default=None, help="psi of a style-based generator")
    i.add_argument("--gif", action="store_true", help="also write an animated walk beside --out (same name, .gif)")
    i.add_argument("--seed", type=non_negative_int, default=0, help="seed of the latents")

    j = _subcommand(sub, "project", common, "find the latents of real images (GAN inversion): writes each latent "
                                            "(.npy), its reconstruction beside the target and the distance")
    j.add_argument("run_dir", help="a run directory of `keras-gans train` (its latest checkpoint is used)")
    j.add_argument("images", nargs="+", help="PNG / JPEG files; other sizes are resized, other channel counts converted")
    j.add_argument("--out", default="projections", help="a folder for NAME.npy, NAME_projection.png and distances.json")
    j.add_argument("--steps", type=positive_int, default=300, help="optimisation steps per image")
    j.add_argument("--space", choices=("z", "w", "w+"), default=None,
                   help="the latent found: z, or w / w+ for a style-based generator (default: w+ there, else z)")
    j.add_argument("--labels", default=None, metavar="CLASS",
                   help="a conditional run: the class of the images (index or name; one, or one per image, comma-separated)")
    j.add_argument("--extractor", default="auto", help="the perceptual features beside the pixels, as eval's --extractor; "
                                                       "none: pixels alone")
    j.add_argument("--seed", type=non_negative_int, default=0, help="seed of the starting latents")

    v = _subcommand(sub, "eval", common, "compute sample-quality metrics of a run; writes RUN_DIR/metrics.json",
                    METRICS_HELP)
    v.add_argument("run_dir", help="a run directory of `keras-gans train` (its latest checkpoint is scored)")
    v.add_argument("--metrics", type=metric_list, default="fid,kid,is,pr,modes",
                   help="comma-separated: fid,kid,is,pr,mmd,swd,modes,ppl,accuracy,intra_fid (what each needs: below)")
    v.add_argument("--n", type=positive_int, default=10000, help="generated (and real) samples")
    v.add_argument("--extractor", default="auto", help="auto, identity, mnist, inception, inception:PATH or a .keras classifier")
    v.add_argument("--classifier", default=None, metavar="FILE.keras",
                   help="accuracy of a conditional run: a classifier of its data (images in [-1, 1] -> logits, class i = "
                        "label i); default: the packaged MNIST classifier")
    v.add_argument("--split", default="train", help="the real data's split for the reference statistics")
    v.add_argument("--cache-dir", help="where reference statistics are cached (default ~/.cache/keras_gans)")
    v.add_argument("--seed", type=non_negative_int, default=0, help="seed of the generated samples' latents")

    _subcommand(sub, "list", common, "list the presets")
    h = _subcommand(sub, "plot", common, "draw a run's training-health curves and sample grids into RUN_DIR/health.png")
    h.add_argument("run_dir", help="a run directory of `keras-gans train` (its history.csv)")
    h.add_argument("--out", type=image_path, default=None, help="the picture (default RUN_DIR/health.png)")
    d = _subcommand(sub, "doctor", common, "name what went wrong in a run from its curves, with evidence and the --set keys to try",
                    "exit codes: 0 healthy, 1 a problem found, 2 bad input")
    d.add_argument("run_dir", help="a run directory of `keras-gans train` (its history.csv)")
    d.add_argument("--json", action="store_true", help="the findings as JSON, for machines")
    w = _subcommand(sub, "launch", common, "run `train` as a multi-worker run of N local processes (127.0.0.1 ports, "
                                           "one TF_CONFIG each)")
    w.add_argument("--workers", type=positive_int, default=2, help="worker processes (worker 0 is the chief)")
    w.add_argument("--log-dir", help="where the workers' logs go (default: a temporary folder, printed)")
    w.add_argument("train_command", nargs=argparse.REMAINDER, metavar="-- train ...", help="-- train PRESET [train options]")
    return p


def check_output_dir(path, what="--out"):
    """A folder the command can write to: not a file, and writable (checked before any work)."""
    if os.path.isfile(path):
        raise FileExistsError(f"{what} {path} is a file; give a folder.")
    parent = path
    while parent and not os.path.exists(parent):
        parent = os.path.dirname(parent)
    parent = parent or "."
    if not os.path.isdir(parent):
        raise FileExistsError(f"{what} {path}: {parent} is a file, not a folder.")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PermissionError(f"{what} {path}: {os.path.abspath(parent)} is not writable; choose another {what}.")
