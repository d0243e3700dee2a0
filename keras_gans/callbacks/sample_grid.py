import os

import keras
import numpy as np

from keras_gans.callbacks.intervals import crossed_multiple
from keras_gans.images import save_samples


class SampleGrid(keras.callbacks.Callback):
    """Writes ``samples_<step>.png`` (an image grid, or a scatter plot for 2-D data) every
    ``every_n_steps`` steps and at the end, always from the same fixed latents, so the pictures
    show the same samples evolving. A conditional GAN's grid has one row per class (``GAN.grid_labels``; a
    mixture of generators: one per generator),
    each captioned with the class's name.

    Args:
        directory: where the PNGs go.
        every_n_steps: a grid every N generator steps.
        n: samples per grid.
        seed: seed of the fixed latents.
        centers: mode centres drawn under a toy's scatter plot (optional).
        log_dir: a TensorBoard folder that gets each grid as an image ``samples`` too (optional).

    Example:
        >>> gan.fit(data, callbacks=[SampleGrid("runs/dcgan", every_n_steps=500)])
    """

    def __init__(self, directory, every_n_steps=500, n=64, seed=1234, centers=None, log_dir=None):
        super().__init__()
        self.log_dir, self._writer = log_dir, None
        self.directory, self.every, self.n, self.seed = directory, int(every_n_steps), int(n), seed
        self.centers = centers
        self.step = 0
        self._z = None
        self.last_path = None

    def write(self):
        gan, rows = self.model, None
        labels = None
        if gan.generator_inputs:  # a row per class, or per generator of a mixture
            labels, rows = gan.grid_rows(self.n, min(max(1, self.n // gan.generator_inputs), 12))
        if self._z is None:
            n = self.n if labels is None else len(labels)
            self._z = np.random.default_rng(self.seed).standard_normal((n, gan.latent_dim)).astype(np.float32)
        path = os.path.join(self.directory, f"samples_{self.step:07d}.png")
        samples = gan.generate(z=self._z, **gan.generate_arguments(labels))
        if not np.isfinite(samples).all():  # a diverged generator: no picture of NaNs (the guard reports it)
            return None
        self.last_path = save_samples(path, samples, centers=self.centers, title=f"step {self.step}{gan.sample_caption()}",
                                      row_names=rows if samples.ndim == 4 else None)
        if self.log_dir:
            self._tensorboard(self.last_path)
        return path

    def _tensorboard(self, path):
        import tensorflow as tf

        if self._writer is None:
            self._writer = tf.summary.create_file_writer(self.log_dir)
        image = tf.io.decode_image(tf.io.read_file(path), channels=3, expand_animations=False)
        with self._writer.as_default(step=self.step):
            tf.summary.image("samples", image[None])
        self._writer.flush()

    def on_train_begin(self, logs=None):
        self.step = int(self.model.g_optimizer.iterations.numpy())  # a resumed run counts from its step

    def on_train_batch_end(self, batch, logs=None):
        previous = self.step
        self.step = int(self.model.g_optimizer.iterations.numpy())  # G's step, also after a rollback
        if crossed_multiple(previous, self.step, self.every):
            self.write()

    def on_train_end(self, logs=None):
        if self.step and (not self.every or self.step % self.every):
            self.write()
