"""The floor of the Stacked MNIST mode metrics (``tools/benchmark.py floor-stacked``): real stacked images
through the same judge as the generators' samples (each channel's digit by the packaged MNIST classifier).

A perfect sampler does not score KL 0: N samples over 1,000 modes leave an empirical histogram whose KL to
uniform is about (1000 - 1) / (2 N) (0.05 at N = 10,000, 0.019 at 26,000), plus the digits' own imbalance in
MNIST and the classifier's mistakes. This prints the modes and KL of real stacked images at each N: the
numbers a generator is compared with."""

import numpy as np


def floor_stacked(args):
    from keras_gans.data.loader import load_stacked_mnist
    from keras_gans.metrics import class_modes, stacked_mnist_modes
    from keras_gans.metrics.extractors.packaged import mnist_classifier

    classifier = mnist_classifier("bilinear")
    print(f"real stacked MNIST from {args.dataset}: modes (of 1000) and KL to uniform, {args.repeats} draws each")
    print(f"{'N':>8s} {'labels: modes':>14s} {'KL':>7s} {'classifier: modes':>18s} {'KL':>7s} {'999/(2N)':>9s}")
    for n in [int(v) for v in args.n.split(",")]:
        by_label, by_classifier = [], []
        for r in range(args.repeats):
            x, y = load_stacked_mnist(f"stacked_mnist:{args.dataset}", "train", n, seed=1000 + r)
            by_label.append(class_modes(y, 1000))
            by_classifier.append(stacked_mnist_modes(x.astype(np.float32) / 127.5 - 1.0, classifier))
        row = [np.mean([s[k] for s in group]) for group in (by_label, by_classifier) for k in ("modes", "reverse_kl")]
        print(f"{n:8d} {row[0]:14.1f} {row[1]:7.4f} {row[2]:18.1f} {row[3]:7.4f} {999 / (2 * n):9.4f}")


def add_parser(sub):
    f = sub.add_parser("floor-stacked", help="modes and KL to uniform of real Stacked MNIST images (the metric's floor)")
    f.add_argument("--dataset", default="mnist", help="labelled digits: TFDS name or IDX folder")
    f.add_argument("--n", default="10000,26000", help="sample counts")
    f.add_argument("--repeats", type=int, default=3)
    f.set_defaults(fn=floor_stacked)
