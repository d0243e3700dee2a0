"""GAN inversion: the latent whose image is closest to a given image, found by optimisation."""

import math

import keras
import numpy as np
import tensorflow as tf
from tqdm.auto import tqdm

from keras_gans.latent.projection_result import Projection
from keras_gans.models.conditioning import bound
from keras_gans.private_api import nested_layers

SPACES = ("z", "w", "w+")


class Projector:
    """The latent of each given image: the point of G's latent space whose image is nearest to it under a
    perceptual distance, found by Adam (Zhu et al. 2016, "Generative Visual Manipulation on the Natural Image
    Manifold", sec. 3.1; for a style-based G as Karras et al. 2020, "Analyzing and Improving the Image Quality of
    StyleGAN", sec. 5 and App. D, do).

    The distance between images x and y is ``pixel_weight`` x the mean squared pixel difference plus
    ``feature_weight`` x the squared distance between the unit-normalised ``features`` of x and y (a network's
    penultimate activations: the run's feature extractor). Optimisation starts from the best of ``candidates``
    random latents per image (z), or from the average w (w, w+); its rate ramps up over the first 5% of the
    steps and down along a cosine over the last 25%, and the latent is perturbed by noise that fades out by 75%
    of the steps (StyleGAN2's projector); the best latent seen is returned. For a style-based G with
    ``optimize_noise`` its per-layer noise maps are optimised too (one image at a time), under the noise
    regulariser of StyleGAN2 (App. D: the squared auto-correlation of every map at every scale down to 8x8,
    weighted by ``noise_weight``; each map renormalised to zero mean and unit variance after every step).

    Args:
        generator: the generator (a GAN's ``sampling_generator``); a conditional one is given ``labels``.
        features: ``images -> [N, D]`` differentiable features, or None (pixels only).
        space: ``"z"``, or for a style-based generator ``"w"`` or ``"w+"`` (one w per layer).
        steps, learning_rate: Adam's steps and peak rate.
        candidates: random latents tried per image for the start in z.
        latent_noise: the perturbation's initial scale (x the latents' spread).

    Example:
        >>> result = Projector(gan.sampling_generator, space="z").project(images)
        >>> result.latents.shape, result.distance
    """

    def __init__(self, generator, features=None, space="z", steps=300, learning_rate=0.1, pixel_weight=1.0,
                 feature_weight=1.0, candidates=64, latent_noise=0.05, optimize_noise=True, noise_weight=1e5, seed=0):
        if space not in SPACES:
            raise ValueError(f"space must be one of {', '.join(SPACES)}, got {space!r}.")
        style = hasattr(generator, "synthesis")
        if space != "z" and not style:
            raise ValueError(f"space={space!r} needs a style-based generator (e.g. preset stylegan); this one is "
                             f"{type(generator).__name__}: project in z.")
        if isinstance(steps, bool) or int(steps) != steps or steps < 1:
            raise ValueError(f"steps must be a whole number >= 1, got {steps!r}.")
        self.generator, self.features, self.space = generator, features, space
        self.steps, self.learning_rate, self.candidates = int(steps), float(learning_rate), int(candidates)
        self.pixel_weight, self.feature_weight = float(pixel_weight), float(feature_weight)
        self.latent_noise, self.noise_weight, self.seed = float(latent_noise), float(noise_weight), seed
        self.noise_maps = [v for layer in nested_layers(generator) for v in layer.weights
                           if v.name.endswith("const_noise")] if style and optimize_noise and space != "z" else []

    # ------------------------------------------------------------------ distances
    def distances(self, x, y):
        """(total, pixel MSE, feature distance) per image of the float image batches ``x`` and ``y``."""
        x, y = tf.cast(x, tf.float32), tf.cast(y, tf.float32)
        pixel = tf.reduce_mean(tf.square(x - y), axis=[1, 2, 3])
        if self.features is None or self.feature_weight == 0:
            feature = tf.zeros_like(pixel)
        else:
            fx, fy = (tf.math.l2_normalize(tf.cast(self.features(v), tf.float32), axis=-1) for v in (x, y))
            feature = tf.reduce_sum(tf.square(fx - fy), axis=-1)
        return self.pixel_weight * pixel + self.feature_weight * feature, pixel, feature

    # ------------------------------------------------------------------ rendering
    def render(self, latents, labels=None):
        """G's images of ``latents`` in this projector's space."""
        net = self.generator
        if self.space == "z":
            return bound(net, labels)(latents, training=False)
        ws = latents if self.space == "w+" else tf.repeat(latents[:, None], net.num_ws, axis=1)
        return net.synthesis(ws, training=False)

    def _start(self, targets, labels):
        net, n = self.generator, len(targets)
        rng = np.random.default_rng(self.seed)
        if self.space == "z":
            d = net.input_shape[0][-1] if isinstance(net.input_shape, list) else net.input_shape[-1]
            best, best_d = None, None
            for _ in range(self.candidates):
                z = rng.standard_normal((n, d)).astype(np.float32)
                dist = self.distances(self.render(z, labels), targets)[0].numpy()
                best = z if best is None else np.where((dist < best_d)[:, None], z, best)
                best_d = dist if best_d is None else np.minimum(dist, best_d)
            return best, 1.0
        z = rng.standard_normal((4096, net.latent_dim)).astype(np.float32)
        w = np.asarray(net.map(z, None if labels is None else np.resize(np.asarray(labels), 4096)), np.float32)
        w_avg, spread = w.mean(0), float(np.sqrt(np.mean(np.sum((w - w.mean(0)) ** 2, axis=-1))))
        start = np.repeat(w_avg[None], n, 0)
        if self.space == "w+":
            start = np.repeat(start[:, None], net.num_ws, axis=1)
        return start, spread

    def _rate(self, step):
        t = step / self.steps
        ramp = min(1.0, (1.0 - t) / 0.25)
        return self.learning_rate * (0.5 - 0.5 * math.cos(ramp * math.pi)) * min(1.0, t / 0.05 + 1.0 / self.steps)

    # ------------------------------------------------------------------ the optimisation
    def project(self, images, labels=None, progress=False):
        """A ``Projection`` of ``images`` (float [N, H, W, C] in [-1, 1], G's shape); ``labels``: a conditional
        G's class of each image (or one for all)."""
        targets = np.asarray(images, np.float32)
        shape = tuple(self.generator.output_shape[1:])
        if targets.ndim != 4 or targets.shape[1:] != shape:
            raise ValueError(f"the generator makes images of shape {shape}; got a batch of {targets.shape[1:]} "
                             "(keras_gans.latent.target_images.fit_images resizes them and converts their channels).")
        if labels is not None:
            labels = np.broadcast_to(np.asarray(labels, np.int32), (len(targets),))
        if not self.noise_maps:
            return self._project_batch(targets, labels, progress)
        parts = [self._project_batch(targets[i : i + 1], None if labels is None else labels[i : i + 1], progress)
                 for i in range(len(targets))]
        return Projection(*(np.concatenate([getattr(p, f) for p in parts]) for f in
                            ("latents", "images", "distance", "pixel_mse", "feature_distance")),
                          space=self.space, noise=[p.noise[0] for p in parts])

    def _project_batch(self, targets, labels, progress):
        start, spread = self._start(targets, labels)
        latent = keras.Variable(start, name="projected_latent")
        saved = [m.numpy() for m in self.noise_maps]
        for i, m in enumerate(self.noise_maps):  # StyleGAN2's start: fresh standard-normal maps
            m.assign(np.random.default_rng(self.seed + i).standard_normal(m.shape).astype(np.float32))
        step = self._step_function(latent, targets, labels)
        rng = np.random.default_rng(self.seed + 1)
        best, best_d, best_noise = start.copy(), np.full(len(targets), np.inf), [m.numpy() for m in self.noise_maps]
        try:
            for i in tqdm(range(self.steps), disable=not progress, desc="projecting", unit="step", leave=False):
                scale = spread * self.latent_noise * max(0.0, 1.0 - i / (0.75 * self.steps)) ** 2
                jitter = tf.constant(rng.standard_normal(start.shape).astype(np.float32) * scale)
                now = step(jitter, tf.constant(self._rate(i), tf.float32)).numpy()
                better = now < best_d
                best = np.where(better.reshape((-1,) + (1,) * (start.ndim - 1)), latent.numpy(), best)
                best_d = np.minimum(now, best_d)
                if better.any():
                    best_noise = [m.numpy() for m in self.noise_maps]
            for m, value in zip(self.noise_maps, best_noise):
                m.assign(value)
            out = self.render(tf.constant(best), labels)
            total, pixel, feature = (v.numpy() for v in self.distances(out, targets))
            return Projection(best, np.asarray(out, np.float32), total, pixel, feature, self.space,
                              noise=[best_noise] if self.noise_maps else None)
        finally:
            for m, value in zip(self.noise_maps, saved):
                m.assign(value)

    def _step_function(self, latent, targets, labels):
        """One compiled step ``(jitter, rate) -> distances after the step``: Adam on the latent (and the noise maps)
        against the distance of the jittered latent's image plus the noise regulariser; maps renormalised."""
        adam = keras.optimizers.Adam(learning_rate=self.learning_rate, epsilon=1e-8)
        variables = [latent, *self.noise_maps]
        adam.build(variables)
        targets = tf.constant(targets)

        @tf.function
        def step(jitter, rate):
            with tf.GradientTape() as tape:
                tape.watch([v.value for v in variables])  # the noise maps are not trainable weights of G
                dist = self.distances(self.render(latent + jitter, labels), targets)[0]
                loss = tf.reduce_sum(dist) + self.noise_weight * self._noise_penalty([m.value for m in self.noise_maps])
            grads = tape.gradient(loss, [v.value for v in variables])
            adam.learning_rate.assign(rate)
            adam.apply_gradients(zip(grads, variables))
            for m in self.noise_maps:  # each map kept at zero mean and unit variance
                m.assign((m - tf.reduce_mean(m)) / (tf.math.reduce_std(m) + 1e-8))
            return self.distances(self.render(latent.value, labels), targets)[0]

        return step

    @staticmethod
    def _noise_penalty(noise):
        """StyleGAN2's noise regulariser: the squared auto-correlation, one pixel across and down, of every map at
        every scale from its own down to 8x8."""
        total = tf.constant(0.0)
        for value in noise:
            x = value
            while True:
                total += tf.square(tf.reduce_mean(x * tf.roll(x, 1, axis=1))) + tf.square(tf.reduce_mean(x * tf.roll(x, 1, axis=2)))
                if x.shape[1] <= 8:
                    break
                x = tf.nn.avg_pool2d(x, 2, 2, "VALID") * 2.0
        return total
