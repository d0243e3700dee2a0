import keras
from tqdm.auto import tqdm

from keras_gans.health.curves import Curves
from keras_gans.health.doctor import diagnose


class Doctor(keras.callbacks.Callback):
    """Watches a run's ``history.csv`` (written by ``TrainingLog``) during ``fit`` and prints a one-line
    warning the first time each of the doctor's conditions holds (``keras_gans.health.diagnose``), with
    the first remedy to try; ``keras-gans doctor RUN`` gives the whole report. Every finding is kept in
    ``.findings``.

    Args:
        directory: the run directory (the one ``TrainingLog`` writes to).
        every_n_steps: look every N generator steps.
        config: the run's preset (what remedies may add), optional.

    Example:
        >>> gan.fit(data, callbacks=[TrainingLog("runs/x"), Doctor("runs/x")])
    """

    def __init__(self, directory, every_n_steps=500, config=None):
        super().__init__()
        self.directory, self.every, self.config = directory, int(every_n_steps), config
        self.findings, self._seen, self._step = [], set(), 0

    def look(self):
        try:
            curves = Curves.of_run(self.directory)
        except FileNotFoundError:
            return []
        new = [f for f in diagnose(curves, self.config) if f.condition not in self._seen]
        for f in new:
            self._seen.add(f.condition)
            self.findings.append(f)
            hint = f"; try {f.remedies[0]}" if f.remedies else ""
            tqdm.write(f"doctor: {f.title} from step {f.step} ({f.evidence[0]}){hint}. Details: keras-gans doctor "
                       f"{self.directory}")
        return new

    def on_train_begin(self, logs=None):
        self._step = int(self.model.g_optimizer.iterations.numpy())

    def on_train_batch_end(self, batch, logs=None):
        previous, self._step = self._step, int(self.model.g_optimizer.iterations.numpy())
        if self.every and self._step // self.every > previous // self.every:
            self.look()
