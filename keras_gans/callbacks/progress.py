import sys

import keras
from tqdm.auto import tqdm


class ProgressBar(keras.callbacks.Callback):
    """One tqdm bar over the whole run (not per epoch), with the latest losses.

    Args:
        total_steps: the run's last step.
        initial_step: the step it starts from.
        keys: the logs shown beside the bar.

    Example:
        >>> gan.fit(data, verbose=0, callbacks=[ProgressBar(3000)])
    """

    def __init__(self, total_steps, initial_step=0, keys=("d_loss", "g_loss")):
        super().__init__()
        self.total, self.initial, self.keys = int(total_steps), int(initial_step), keys
        self.bar = None

    def on_train_begin(self, logs=None):
        # in a log file (no terminal) one line every 30 s instead of a redraw per step
        interval = 0.1 if sys.stderr.isatty() else 30.0
        self.bar = tqdm(total=self.total, initial=self.initial, unit="step", dynamic_ncols=True, mininterval=interval)

    def on_train_batch_end(self, batch, logs=None):
        step = int(self.model.g_optimizer.iterations.numpy())  # G's step, also after a rollback
        self.bar.update(step - self.bar.n)
        if logs and batch % 10 == 0:
            self.bar.set_postfix({k: f"{float(logs[k]):.3f}" for k in self.keys if k in logs}, refresh=False)

    def on_train_end(self, logs=None):
        if self.bar is not None:
            self.bar.close()

