import keras
import tensorflow as tf
from tqdm.auto import tqdm

from keras_gans.health.history_file import HistoryFile
from keras_gans.callbacks.intervals import crossed_multiple
from keras_gans.metrics.evaluation import Evaluation

REFERENCE_METRICS = ("fid", "kid", "pr", "mmd", "swd")  # the metrics that compare with real samples' features


class MetricsCallback(keras.callbacks.Callback):
    """Evaluates sample-quality metrics every ``every_n_steps`` training steps inside ``fit``.

    ``MetricsCallback(metrics=["fid", "pr"], every_n_steps=1000, log_dir=None, **evaluation)`` where
    ``evaluation`` are the arguments of ``keras_gans.metrics.Evaluation`` other than the GAN
    (``real_samples``, ``extractor``, ``n``, ``mixture``, ...). The reference statistics are computed (or
    read from the cache) once. Every result is kept in ``.results`` as (step, dict); the latest values
    join the epoch logs, hence ``History``; with ``log_dir`` they are also written as TensorBoard scalars
    ``metrics/<name>`` at their step; with ``csv_path`` appended to that file as rows (step, metrics) (a
``HistoryFile``: a resumed run drops the rows after its step); ``verbose`` prints them.

    Args:
        metrics: metric names (``fid``, ``kid``, ``pr``, ...).
        every_n_steps: evaluate every N generator steps.
        log_dir: a TensorBoard folder (optional).
        start_step: the step the run starts from (after a resume).
        csv_path: a CSV file of the evaluations (``keras-gans train``: ``RUN/metrics.csv``; optional).
        verbose: print each evaluation.
        **evaluation: ``Evaluation``'s parameters (``real_samples``, ``extractor``, ``n``, ...).

    Example:
        >>> gan.fit(data, callbacks=[MetricsCallback(["fid"], every_n_steps=1000, real_samples=real, extractor=extractor)])
    """

    def __init__(self, metrics=("fid",), every_n_steps=1000, log_dir=None, start_step=0, verbose=False, csv_path=None,
                 **evaluation):
        super().__init__()
        self.csv = None if csv_path is None else HistoryFile(csv_path)
        self.verbose = verbose
        self.metrics, self.every, self.log_dir = list(metrics), int(every_n_steps), log_dir
        self.step, self.evaluation = int(start_step), evaluation
        self.results, self.latest = [], {}
        self._reference, self._writer = None, None

    def evaluate(self):
        ev = Evaluation(self.model, reference=self._reference, **self.evaluation)
        values = {k: v for k, v in ev.run(self.metrics).items() if isinstance(v, (int, float))}
        if any(m in self.metrics for m in REFERENCE_METRICS):
            self._reference = ev.reference
        self.results.append((self.step, values))
        if self.csv is not None:
            self.csv.append({"step": self.step, **values})
        self.latest = values
        if self.verbose:  # a line above a tqdm progress bar, not through it
            tqdm.write(f"step {self.step}: " + " ".join(f"{k}={v:.4g}" for k, v in values.items()))
        if self.log_dir:
            if self._writer is None:
                self._writer = tf.summary.create_file_writer(self.log_dir)
            with self._writer.as_default(step=self.step):
                for k, v in values.items():
                    tf.summary.scalar(f"metrics/{k}", v)
            self._writer.flush()
        return values

    def on_train_begin(self, logs=None):
        """The reference statistics before the first step (read from the cache, or computed): a missing
        extractor or too few real samples stop the run now, not after ``every_n_steps`` steps."""
        if self.csv is not None:
            self.csv.keep_until(self.step)
        if self._reference is None and any(m in self.metrics for m in REFERENCE_METRICS):
            self._reference = Evaluation(self.model, **self.evaluation).reference

    def on_train_batch_end(self, batch, logs=None):
        previous = self.step
        self.step += int(getattr(self.model, "steps_per_execution", 1) or 1)  # steps run by this call
        if crossed_multiple(previous, self.step, self.every):
            self.evaluate()

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs.update(self.latest)
