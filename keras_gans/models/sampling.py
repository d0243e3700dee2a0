"""What a trained GAN is for: latents, samples and the exported generator."""

import numpy as np

from keras_gans.distribute import global_normal, global_uniform
from keras_gans.models.conditioning import bound
from keras_gans.models.jacobian_truncation import JacobianTruncation


class Sampling:
    """Mixed into ``GAN``: ``call(z)``, ``sampling_generator`` (the EMA copy where set), ``sample_latents``,
    ``generate`` and ``export_generator``."""

    def call(self, z, training=False):
        """``G(z)``; a conditional GAN takes ``[z, labels]``."""
        return self.sampling_generator(z, training=training)

    @property
    def sampling_generator(self):
        """The generator that sampling, evaluation and export use: G, or the copy of G holding the EMA
        weights where ``ema_decay`` is set (refreshed from the shadow weights on every access)."""
        return self.generator if self._ema is None else self._ema.loaded()

    def sample_latents(self, batch):
        """Latents for this replica: drawn for the global batch with one seed, then sliced."""
        shape = (batch, self.latent_dim)
        if self.latent_distribution == "uniform":
            return global_uniform(shape, self.seed_generator, -1.0, 1.0)
        return global_normal(shape, self.seed_generator)

    def generate(self, n=None, z=None, batch_size=256, seed=None, truncation=None, jacobian_truncation=None, labels=None,
                 generator=None):
        """Samples as a float32 numpy array (images in [-1, 1]) from given latents ``z``, or from ``n``
        latents of the model's latent distribution drawn with a NumPy generator seeded by ``seed``
        (the training random state is left untouched). A conditional GAN samples the classes ``labels``: an
        int (every sample), or one class index per sample; without them the classes are drawn from
        ``label_distribution`` (seeded by ``seed``). An unconditional GAN refuses ``labels``. ``truncation=psi`` (in [0, 1]) applies the
        truncation trick of a style-based generator (``StyleGenerator``: w -> w_avg + psi (w - w_avg)).

        ``jacobian_truncation=keep`` (in (0, 1]; default: the model's ``jacobian_truncation``, None: off) draws
        ``n / keep`` latents and keeps the ``n`` where G is smoothest (``JacobianTruncation``); given latents
        ``z`` are always all used. In a conditional GAN the selection is made within each class asked for.

        A mixture of generators (``model.mixture``) draws each sample's generator uniformly, or uses ``generator``
        (an index for all, or one per sample)."""
        net = self.sampling_generator  # once: the EMA copy is refreshed from its shadow weights on access
        if z is None:
            if n is None or isinstance(n, bool) or int(n) != n or n < 1:
                raise ValueError(f"generate() needs n >= 1 samples (or latents z), got n={n!r}.")
            n = int(n)
            labels = self.g_labels_for(n, labels, generator, seed)
            keep = self.jacobian_truncation if jacobian_truncation is None else jacobian_truncation
            selection = None if keep is None or keep == 1 else JacobianTruncation(keep)
            rng = np.random.default_rng(seed)
            if selection is None:
                z = self.draw_latents(rng, n)
            else:
                z = np.empty((n, self.latent_dim), np.float32)
                for c in [None] if labels is None else np.unique(labels):  # the smoothest latents of each class
                    rows = np.arange(n) if c is None else np.flatnonzero(labels == c)
                    candidates = self.draw_latents(rng, selection.candidates(len(rows)))
                    chosen = selection.kept(bound(net, None if c is None else np.int32(c)), candidates, len(rows),
                                            batch_size, seed=0 if seed is None else seed)
                    z[rows] = candidates[chosen]
        else:
            z = np.asarray(z, np.float32)
            labels = self.g_labels_for(len(z), labels, generator, seed)
        if z.ndim != 2 or z.shape[1] != self.latent_dim or not len(z):
            raise ValueError(f"generate() takes latents z of shape [n >= 1, {self.latent_dim}], got {z.shape}.")
        kwargs = {}
        if truncation is not None:
            if not hasattr(net, "w_avg"):
                raise ValueError(f"truncation needs a style-based generator (the 'style' network, e.g. preset stylegan); "
                                 f"this one is {type(net).__name__}.")
            if not 0.0 <= float(truncation) <= 1.0:
                raise ValueError(f"truncation is psi in [0, 1] (1: none, 0.7 typical), got {truncation}.")
            kwargs["truncation"] = np.float32(truncation)
        out = [np.asarray(bound(net, None if labels is None else labels[i : i + batch_size])(z[i : i + batch_size],
                                                                                         training=False, **kwargs), np.float32)
               for i in range(0, len(z), batch_size)]
        return np.concatenate(out, 0)

    def draw_latents(self, rng, n):
        """``n`` latents of G's prior (standard normal, or uniform in [-1, 1]) drawn from the numpy Generator ``rng``:
        float32 [n, latent_dim]."""
        shape = (n, self.latent_dim)
        z = rng.uniform(-1.0, 1.0, shape) if self.latent_distribution == "uniform" else rng.standard_normal(shape)
        return np.asarray(z, np.float32)

    def export_generator(self, path):
        """SavedModel with a ``serve`` signature: float32 latents -> uint8 images (or float32 points)."""
        from keras_gans.export import export_generator

        mixture = getattr(self, "_mixture", None)
        return export_generator(self.sampling_generator, path, class_names=self.class_names,
                                mixture=None if mixture is None else mixture.generators)

    def export_generator_as(self, path, format):
        """The generator converted for another runtime into the new folder ``path``: ``format`` "tflite" (LiteRT
        files in float32, float16 and dynamic-range int8) or "onnx" (``pip install keras_gans[onnx]``), through a
        float32 SavedModel kept in ``path/saved_model``. Each file is checked on export against the SavedModel
        on 16 fixed latents; returns the checks (``keras_gans.export.agreement.Agreement``: size, max / mean
        difference, images/s) and refuses (``ValueError``, nothing written) a file beyond its tolerance."""
        from keras_gans.export.formats import export_format

        mixture = getattr(self, "_mixture", None)
        return export_format(self.sampling_generator, path, format, class_names=self.class_names,
                             num_classes=self.num_classes, mixture=None if mixture is None else mixture.generators)
