"""Mode counting with a classifier: the number of classes (modes) that generated samples fall into and
the KL divergence of the predicted-class histogram q to the uniform distribution over the K modes,
KL(q || U) = sum_k q_k log(K q_k) (Metz et al. 2017 and VEEGAN on Stacked MNIST: K = 1000; MNIST: 10)."""

import numpy as np


def class_modes(predicted, num_modes):
    """``{"modes", "num_modes", "reverse_kl", "counts"}`` of integer class predictions."""
    predicted = np.asarray(predicted).astype(np.int64).ravel()
    if len(predicted) == 0:
        raise ValueError("no predictions to count modes of.")
    if predicted.min() < 0 or predicted.max() >= num_modes:
        raise ValueError(f"predictions must lie in [0, {num_modes}), got [{predicted.min()}, {predicted.max()}].")
    counts = np.bincount(predicted, minlength=num_modes)
    q = counts / counts.sum()
    nz = q > 0
    return {
        "modes": int(np.sum(counts > 0)),
        "num_modes": int(num_modes),
        "reverse_kl": float(np.sum(q[nz] * np.log(q[nz] * num_modes))),
        "counts": counts.tolist(),
    }


def stacked_mnist_modes(images, classifier):
    """Modes covered (of 1000) and KL to uniform for stacked-MNIST images [N, H, W, 3] in [-1, 1]:
    ``classifier`` (a ``DomainClassifier`` of MNIST digits) labels each channel; the mode is
    100 * d_R + 10 * d_G + d_B."""
    images = np.asarray(images, np.float32)
    if images.ndim != 4 or images.shape[-1] != 3:
        raise ValueError(f"stacked MNIST images are [N, H, W, 3], got shape {images.shape}.")
    digits = [np.argmax(classifier.logits(images[..., c : c + 1]), axis=1) for c in range(3)]
    return class_modes(digits[0] * 100 + digits[1] * 10 + digits[2], 1000)
