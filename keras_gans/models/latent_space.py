"""Mixed into ``GAN``: walks through the latent space and the latents of given images."""

import warnings

import numpy as np


class LatentSpace:
    """``interpolate`` (``keras_gans.latent.interpolation``) and ``project`` (``keras_gans.latent.Projector``) on the
    sampling generator (the EMA copy where set)."""

    def interpolate(self, z0, z1, steps=12, method="slerp", space="z", labels=None, labels_to=None, truncation=None,
                    generator=None):
        """Samples along walks from ``z0`` to ``z1`` (latents [N, d], or one latent [d]): float32 [N, steps, H, W, C]
        (or [steps, H, W, C] for one latent). ``method``: "slerp" (great circles, the default) or "linear";
        ``space``: "z", or "w" for a style-based generator. A conditional GAN walks within the classes ``labels``
        (one per walk or one for all; drawn when None), or from class ``labels`` to class ``labels_to``; a mixture
        of generators walks within ``generator``'s (drawn when None). ``truncation``: psi of a style-based G.

            >>> walk = gan.interpolate(z[0], z[1], steps=8)   # [8, 28, 28, 1]"""
        from keras_gans.latent.interpolation import interpolate

        z0 = np.asarray(z0, np.float32)
        single = z0.ndim == 1
        z0, z1 = np.atleast_2d(z0), np.atleast_2d(np.asarray(z1, np.float32))
        for z in (z0, z1):
            if z.shape != (len(z0), self.latent_dim):
                raise ValueError(f"interpolate() takes latents of shape [N, {self.latent_dim}] (or [{self.latent_dim}]), "
                                 f"got {z.shape}.")
        if labels_to is not None and not self.conditional:
            raise ValueError("labels_to walks between classes: it needs a conditional GAN.")
        given = self.g_labels_for(len(z0), labels, generator, seed=0)
        walks = interpolate(self.sampling_generator, z0, z1, steps, method=method, space=space, labels=given,
                            labels_to=labels_to, truncation=truncation)
        return walks[0] if single else walks

    def project(self, images, steps=300, labels=None, space="z", extractor="auto", progress=False, seed=0, generator=None,
                **options):
        """The latents of ``images`` (float [N, H, W, C] in [-1, 1] of G's shape; ``keras_gans.latent.target_images``
        fits other sizes and channels): a ``keras_gans.latent.Projection`` (latents, reconstructions, distances). The
        distance is pixels plus the features of ``extractor`` (as ``eval --extractor``; "auto": the MNIST classifier for
        grayscale, Inception for colour, pixels alone where its weights are missing, "none": pixels alone).
        ``space``: "z", or "w" / "w+" for a style-based generator (whose noise maps are optimised too). A
        conditional GAN needs each image's class (``labels``); a mixture projects into ``generator`` (default 0).
        ``options``: ``keras_gans.latent.Projector``'s (``learning_rate``, ``candidates``, weights)."""
        from keras_gans.latent.projection import Projector

        if len(self.generator.output_shape) != 4:
            raise ValueError("project() finds the latents of images; this GAN makes points (a toy preset).")
        if self.conditional and labels is None:
            raise ValueError("a conditional GAN projects each image within its class: give labels (one per image, or one "
                             "for all).")
        mixture = getattr(self, "_mixture", None)
        given = labels if mixture is None else (0 if generator is None else generator)
        features = None if extractor in (None, "none") else self.projection_features(extractor)
        projector = Projector(self.sampling_generator, features=features, space=space, steps=steps, seed=seed, **options)
        return projector.project(images, labels=given, progress=progress)

    def projection_features(self, spec):
        """The differentiable features ``images -> [N, D]`` of extractor ``spec`` (as ``eval --extractor``) that the
        projection's perceptual distance uses; None ("auto" only) where its weights are not available."""
        from keras_gans.metrics.extractors.base import ExtractorUnavailable
        from keras_gans.metrics.extractors.packaged import resolve_extractor

        extractor = resolve_extractor(spec, self.generator.output_shape[1:])
        try:
            extractor.ensure_available()
        except ExtractorUnavailable as e:
            if spec != "auto":
                raise
            warnings.warn(f"projection with pixels alone: the perceptual features are not available ({e})", stacklevel=3)
            return None
        return extractor.differentiable_features
