import math
import os
import time

import keras
import numpy as np

from keras_gans.health.history_file import HistoryFile
from keras_gans.callbacks.intervals import crossed_multiple
from keras_gans.metrics.diversity import class_spread, mean_pairwise_distance


class TrainingLog(keras.callbacks.Callback):
    """Keeps a run's training-health curves: every ``every_n_steps`` generator steps (and at the end of ``fit``)
    one row of ``history.csv`` (``HistoryFile``: append-only, flushed row by row; a resumed or rolled-back run
    drops the rows after the step it restarts from, so no step is duplicated or missing) and, with
    ``log_dir``, the same values as TensorBoard scalars ``health/<name>``.

    A row holds, averaged over the steps since the previous row: every log of the step (D and G losses,
    each penalty, D's logits on real and fake samples, their spread within a batch, D's accuracies and r_t
    where the loss has a decision threshold, each player's gradient norm; ``GAN.compile``); and, measured
    when the row is written: each player's update-to-weight ratio ||w_{t+1} - w_t|| / ||w_t|| (one step, or
    the mean step of a call of ``steps_per_execution`` steps), the learning rates in effect, the EMA decay
    in effect, ADA's augmentation probability, real images per second, and the diversity of a fixed batch of
    ``diversity_n`` latents (``mean_pairwise_distance`` of its samples in ``extractor``'s features, or in
    pixels without one; with an extractor that classifies, the classes the batch fills and the share of
    the largest). The fixed batch is made by the sampling generator (the EMA copy where there is one).
    With ``real_samples``, every row also holds ``real_diversity``, the same measure on as many real images
    (the scale of a healthy diversity); with ``held_out_samples`` (real images the run does not train on, e.g.
    the test split), D's mean logit on a fixed batch of them (``held_out_logit``) and on one of
    ``real_samples`` (``train_logit``): the two part when D memorises its training set.

    Args:
        directory: the run directory (``history.csv`` goes there).
        every_n_steps: a row every N generator steps.
        log_dir: a TensorBoard folder (optional).
        extractor: a ``keras_gans.metrics.FeatureExtractor`` for the diversity (None: pixels).
        diversity_n: the size of the fixed latent batch (0: no diversity).
        seed: seed of the fixed latents.
        real_samples: training images: an array, ``(images, labels)`` for a conditional D, or a function
            ``n -> `` either (optional).
        held_out_samples: images the run does not train on, the same way (optional).
        spectrum_every: log the Jacobian's condition number every N rows (0: never).

    Example:
        >>> gan.fit(data, callbacks=[TrainingLog("runs/dcgan", every_n_steps=50, log_dir="runs/dcgan/tensorboard")])
    """

    def __init__(self, directory, every_n_steps=50, log_dir=None, extractor=None, diversity_n=128, seed=4321,
                 real_samples=None, held_out_samples=None, spectrum_every=10):
        super().__init__()
        self.real_samples, self.held_out_samples, self._real = real_samples, held_out_samples, None
        self.real_diversity, self.spectrum_every = None, int(spectrum_every)
        self.directory, self.every, self.log_dir = directory, int(every_n_steps), log_dir
        self.extractor, self.diversity_n, self.seed = extractor, int(diversity_n), seed
        self.path = os.path.join(directory, "history.csv")
        self.history, self.step, self.rows = None, 0, 0
        self._seen, self._totals, self._clock, self._before, self._z, self._labels, self._writer = 0.0, {}, None, None, None, None, None

    # ------------------------------------------------------------------ the values of a row
    def _window_means(self):
        """{log: its mean over the steps since the last row}, from the trackers' running sums and counts."""
        means, totals = {}, {}
        for name, (total, count) in self.model.running_totals().items():
            previous_total, previous_count = self._totals.get(name, (0.0, 0.0))
            totals[name] = (total, count)
            if count > previous_count:
                means[name] = (total - previous_total) / (count - previous_count)
        seen = totals.get("d_loss", (0.0, 0.0))[1] - self._totals.get("d_loss", (0.0, 0.0))[1]
        self._seen += max(seen, 0.0)  # D's real examples (one per-example loss value each), over the whole run
        self._totals = totals
        return means

    def _players(self):
        gan = self.model
        return {"d": (gan.d_optimizer, gan.d_variables), "g": (gan.g_optimizer, gan.generator.trainable_variables)}

    def _snapshot(self):
        return {p: [np.array(v) for v in variables] for p, (_, variables) in self._players().items()}

    def _update_ratios(self, steps):
        ratios = {}
        for p, (_, variables) in self._players().items():
            before = self._before[p]
            moved = math.sqrt(sum(float(np.sum((np.asarray(v, np.float64) - b) ** 2)) for v, b in zip(variables, before)))
            size = math.sqrt(sum(float(np.sum(np.asarray(b, np.float64) ** 2)) for b in before))
            ratios[f"{p}_update_ratio"] = moved / max(size, 1e-30) / max(steps, 1)
        return ratios

    def _settings(self):
        gan, values = self.model, {}
        for p, (optimizer, _) in self._players().items():
            values[f"{p}_learning_rate"] = float(np.asarray(optimizer.learning_rate))
        if getattr(gan, "_ema", None) is not None:
            values["ema_decay"] = float(gan._ema.decay_at(gan.g_optimizer.iterations))
        for transform in getattr(gan, "d_input_transforms", ()):
            if hasattr(transform, "p"):
                values["ada_p"] = float(np.asarray(transform.p))
        return values

    def _diversity(self):
        gan = self.model
        if not self.diversity_n:
            return {}
        if self._z is None:
            n = max(2, self.diversity_n)
            self._z = np.random.default_rng(self.seed).standard_normal((n, gan.latent_dim)).astype(np.float32)
            k = gan.generator_inputs  # the classes, or the generators of a mixture, in turn
            self._labels = (np.arange(n) % k).astype(np.int32) if k else None
        samples = gan.generate(z=self._z, **gan.generate_arguments(self._labels))
        if not np.isfinite(samples).all():
            return {}
        values = {}
        features, logits = self._features(samples)
        values["diversity"] = mean_pairwise_distance(features)
        if logits is not None:
            values["sample_classes"], values["top_class_share"] = class_spread(logits)
        return values

    def _features(self, samples):
        if self.extractor is None:
            return samples.reshape(len(samples), -1), None
        return self.extractor(samples)

    def _fixed_real(self):
        """(real images, their labels or None, held-out images, their labels or None), drawn once."""
        if self._real is None:
            n = max(2, self.diversity_n or 128)
            self._real = tuple(_draw(source, n) for source in (self.real_samples, self.held_out_samples))
        return self._real

    def _real_values(self):
        values = {}
        (real, real_labels), (held, held_labels) = self._fixed_real()
        if real is not None and self.diversity_n:
            if self.real_diversity is None:
                self.real_diversity = mean_pairwise_distance(self._features(real)[0])
            values["real_diversity"] = self.real_diversity
        if real is not None and held is not None:
            from keras_gans.models.conditioning import bound

            gan = self.model
            for name, x, y in (("train_logit", real, real_labels), ("held_out_logit", held, held_labels)):
                critic = bound(gan.discriminator, y if gan.d_takes_labels else None)
                values[name] = float(np.mean(np.asarray(critic(x, training=False), np.float64)))
        return values

    def _spectrum(self):
        if not self.spectrum_every or self._z is None:
            return {}
        if self.rows % self.spectrum_every:
            return {"jacobian_condition": None}
        from keras_gans.metrics.jacobian_spectrum import condition_number, jacobian_spectrum
        from keras_gans.models.conditioning import bound

        gan = self.model
        z = self._z[:4]
        net = bound(gan.sampling_generator, None if self._labels is None else self._labels[:4])
        method = "exact" if gan.latent_dim <= 128 else "lanczos"
        values = condition_number(jacobian_spectrum(net, z, method=method, steps=16))
        return {"jacobian_condition": float(np.median(values)) if np.isfinite(values).all() else None}

    # ------------------------------------------------------------------ writing
    def _write(self, steps_in_call):
        now = time.perf_counter()
        row = {"step": self.step, **self._window_means(), "images_per_second": None}  # None: the first row (tracing)
        if self._clock is not None and now > self._clock[0] and self._seen > self._clock[1]:
            row["images_per_second"] = (self._seen - self._clock[1]) / (now - self._clock[0])
        if self._before is not None:
            row.update(self._update_ratios(steps_in_call))
            self._before = None
        row.update(self._settings())
        row.update(self._diversity())
        row.update(self._real_values())
        row.update(self._spectrum())
        self.history.append(row)
        self.rows += 1
        if self.log_dir:
            self._tensorboard(row)
        self._clock = (time.perf_counter(), self._seen)  # the row's own work is left out of the next speed

    def _tensorboard(self, row):
        import tensorflow as tf

        if self._writer is None:
            self._writer = tf.summary.create_file_writer(self.log_dir)
        with self._writer.as_default(step=self.step):
            for name, value in row.items():
                if name != "step" and isinstance(value, (int, float)) and math.isfinite(value):
                    tf.summary.scalar(f"health/{name}", value)
        self._writer.flush()

    # ------------------------------------------------------------------ the callback
    def _steps_per_call(self):
        return int(getattr(self.model, "steps_per_execution", 1) or 1)

    def _g_step(self):
        return int(self.model.g_optimizer.iterations.numpy())

    def on_train_begin(self, logs=None):
        self.step = self._g_step()
        self.history = HistoryFile(self.path)
        self.history.keep_until(self.step)  # a resumed run: the rows after its checkpoint are done again

    def on_epoch_begin(self, epoch, logs=None):
        self._totals = {}  # fit reset the trackers

    def on_train_batch_begin(self, batch, logs=None):
        step = self._g_step()
        if crossed_multiple(step, step + self._steps_per_call(), self.every):
            self._before = self._snapshot()

    def on_train_batch_end(self, batch, logs=None):
        previous, self.step = self.step, self._g_step()
        if self.step < previous:  # a rollback restored an earlier checkpoint: its later rows are done again
            self.history.keep_until(self.step)
            self._before = None
            return
        if crossed_multiple(previous, self.step, self.every):
            self._write(self.step - previous)

    def on_train_end(self, logs=None):
        last = self.history.last_step if self.history is not None else None
        if self.every and self.step > (last if last is not None else 0):  # the run's last step gets its row too
            self._write(1)
        if self._writer is not None:
            self._writer.flush()


def _draw(source, n):
    """(images, labels or None) of ``n`` samples of ``source`` (an array, a pair, a function of n), or (None, None)."""
    if source is None:
        return None, None
    if callable(source):
        source = source(n)
        if source is None:
            return None, None
    if isinstance(source, tuple):
        return np.asarray(source[0], np.float32)[:n], np.asarray(source[1], np.int32)[:n]
    return np.asarray(source, np.float32)[:n], None
