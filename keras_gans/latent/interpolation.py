"""Latent walks: straight lines (``lerp``) and great circles (``slerp``) between latents, rendered by a generator in
z, in a style-based generator's w, within a class or from one class to another.

A Gaussian latent of d dimensions lies near the sphere of radius sqrt(d); a straight line between two of them
passes inside it (the midpoint's norm is about sqrt(d / 2)), where G rarely saw a latent in training. The spherical
path keeps to the shell (White 2016, "Sampling Generative Networks", sec. 2.2): it turns the direction along the
great circle at a constant rate and moves the norm linearly from one end's to the other's."""

import contextlib

import keras
import numpy as np

from keras_gans.models.conditioning import bound
from keras_gans.private_api import nested_layers

METHODS = ("slerp", "linear")
SPACES = ("z", "w")


def lerp(a, b, t):
    """Points ``a + t (b - a)``: ``a``, ``b`` [N, d], ``t`` [S] -> [N, S, d]."""
    a, b, t = _paths(a, b, t)
    return a + t * (b - a)


def slerp(a, b, t):
    """Points on the great circle from ``a`` to ``b`` ([N, d], ``t`` [S] -> [N, S, d]): the direction turns by
    t x the angle between them, the norm goes linearly from |a| to |b|; the ends are ``a`` and ``b``. Where ``a``
    and ``b`` point the same way (angle below 1e-6) the path is the straight line."""
    a, b, t = _paths(a, b, t)
    na, nb = np.linalg.norm(a, axis=-1, keepdims=True), np.linalg.norm(b, axis=-1, keepdims=True)
    direction = great_circle(a / np.maximum(na, 1e-12), b / np.maximum(nb, 1e-12), t)
    return direction * (na + t * (nb - na))


def great_circle(ua, ub, t):
    """The unit vectors t of the way along the great circle from unit vector ``ua`` to ``ub`` (arrays that
    broadcast: [..., d] and t [..., 1]); where the two point the same way (angle below 1e-6), the normalised
    straight line."""
    ua, ub, t = np.asarray(ua, np.float64), np.asarray(ub, np.float64), np.asarray(t, np.float64)
    omega = np.arccos(np.clip(np.sum(ua * ub, axis=-1, keepdims=True), -1.0, 1.0))
    small = omega < 1e-6
    so = np.where(small, 1.0, np.sin(omega))
    line = ua + t * (ub - ua)
    line = line / np.maximum(np.linalg.norm(line, axis=-1, keepdims=True), 1e-12)
    return np.where(small, line, (np.sin((1.0 - t) * omega) * ua + np.sin(t * omega) * ub) / so)


def _paths(a, b, t):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape or a.ndim != 2:
        raise ValueError(f"the two ends of a walk are latents of one shape [N, d], got {a.shape} and {b.shape}.")
    t = np.asarray(t, np.float64).reshape(1, -1, 1)
    return a[:, None], b[:, None], t


PATHS = {"slerp": slerp, "linear": lerp}


def interpolate(net, z0, z1, steps, method="slerp", space="z", labels=None, labels_to=None, truncation=None,
                batch_size=256):
    """Samples along walks from ``z0`` to ``z1`` ([N, d] each) of generator ``net``: float32 [N, steps, ...].

    ``method``: ``"slerp"`` or ``"linear"``. ``space``: ``"z"``, or ``"w"`` for a style-based generator (both
    ends mapped to w, the walk made there, then synthesised; Karras et al. 2019, sec. 4, walk in w as the
    perceptual path length does). ``labels``: a conditional (or mixture) generator's input, one per walk or one
    for all; ``labels_to`` (one class, with one class in ``labels``): a walk between classes, in which every
    class embedding of G (``keras.layers.Embedding`` layers: the joined embedding, the conditional norms' scale
    and shift) moves linearly from ``labels``' row to ``labels_to``'s while z moves along its path. ``truncation``:
    psi of a style-based generator."""
    if method not in PATHS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}.")
    if space not in SPACES:
        raise ValueError(f"space must be 'z' or 'w', got {space!r}.")
    if isinstance(steps, bool) or int(steps) != steps or steps < 2:
        raise ValueError(f"a walk needs steps >= 2 (its two ends), got {steps!r}.")
    z0, z1 = np.atleast_2d(np.asarray(z0, np.float32)), np.atleast_2d(np.asarray(z1, np.float32))
    n, steps = len(z0), int(steps)
    t = np.linspace(0.0, 1.0, steps)
    labels = None if labels is None else np.broadcast_to(np.asarray(labels, np.int32), (n,))
    if space == "w":
        return _walk_in_w(net, z0, z1, t, method, labels, truncation, batch_size)
    path = PATHS[method](z0, z1, t).astype(np.float32)  # [N, S, d]
    kwargs = {} if truncation is None else {"truncation": np.float32(truncation)}
    if labels_to is None:
        flat = path.reshape(n * steps, -1)
        flat_labels = None if labels is None else np.repeat(labels, steps)
        return _run(net, flat, flat_labels, kwargs, batch_size).reshape(n, steps, *net.output_shape[1:])
    if labels is None or len(np.unique(labels)) != 1 or np.ndim(labels_to) != 0:
        raise ValueError("a walk between classes goes from one class (labels) to one class (labels_to).")
    frames = []
    for s in range(steps):
        with blended_classes(net, int(labels[0]), int(labels_to), t[s]):
            frames.append(_run(net, path[:, s], labels, kwargs, batch_size))
    return np.stack(frames, axis=1)


def _run(net, z, labels, kwargs, batch_size):
    out = [np.asarray(bound(net, None if labels is None else labels[i : i + batch_size])(z[i : i + batch_size], training=False,
                                                                                     **kwargs), np.float32)
           for i in range(0, len(z), batch_size)]
    return np.concatenate(out, 0)


def _walk_in_w(net, z0, z1, t, method, labels, truncation, batch_size):
    if not hasattr(net, "synthesis"):
        raise ValueError(f"space='w' needs a style-based generator (the 'style' network, e.g. preset stylegan); this "
                         f"one is {type(net).__name__}: walk in z.")
    w0, w1 = (np.asarray(net.map(z, labels), np.float32) for z in (z0, z1))
    path = PATHS[method](w0, w1, t).astype(np.float32)  # [N, S, w_dim]
    n, steps = path.shape[:2]
    flat = path.reshape(n * steps, -1)
    if truncation is not None:
        avg = np.asarray(net.w_avg, np.float32)
        flat = avg + np.float32(truncation) * (flat - avg)
    out = []
    for i in range(0, len(flat), batch_size):
        ws = np.repeat(flat[i : i + batch_size, None], net.num_ws, axis=1)
        out.append(np.asarray(net.synthesis(ws, training=False), np.float32))
    return np.concatenate(out, 0).reshape(n, steps, *net.output_shape[1:])


@contextlib.contextmanager
def blended_classes(net, a, b, t):
    """Within the block, row ``a`` of every class embedding of ``net`` is ``(1 - t) E[a] + t E[b]``; restored after."""
    embeddings = [layer.embeddings for layer in nested_layers(net) if isinstance(layer, keras.layers.Embedding)]
    if not embeddings:
        raise ValueError(f"{net.name} has no class embedding to walk between classes with.")
    saved = [np.asarray(e.numpy()) for e in embeddings]
    try:
        for e, value in zip(embeddings, saved):
            blended = value.copy()
            blended[a] = (1.0 - t) * value[a] + t * value[b]
            e.assign(blended)
        yield
    finally:
        for e, value in zip(embeddings, saved):
            e.assign(value)
