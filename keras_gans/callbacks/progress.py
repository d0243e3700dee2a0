import sys
import time

import keras
from tqdm.auto import tqdm


class ProgressBar(keras.callbacks.Callback):
    """One tqdm bar over the whole run (not per epoch), with the latest losses.

    Args:
        total_steps: the run's last step.
        initial_step: the step it starts from.
        keys: the logs shown beside the bar.
        report_speed: print one line with the steps per second measured after warm-up (the first
            ``warmup`` calls, where graphs are traced and compiled) and the time the remaining steps take.
        warmup: calls of the train function left out of the measurement.

    Example:
        >>> gan.fit(data, verbose=0, callbacks=[ProgressBar(3000)])
    """

    def __init__(self, total_steps, initial_step=0, keys=("d_loss", "g_loss"), report_speed=False, warmup=2):
        super().__init__()
        self.total, self.initial, self.keys = int(total_steps), int(initial_step), keys
        self.report_speed, self.warmup = report_speed, int(warmup)
        self.bar, self._calls, self._mark = None, 0, None

    def _measure(self, step):
        """After warm-up: (time, step) noted; once 10 s or 50 steps later, the speed is printed."""
        self._calls += 1
        if self._calls == self.warmup:
            self._mark = (time.perf_counter(), step)
        elif self._mark is not None:
            seconds, steps = time.perf_counter() - self._mark[0], step - self._mark[1]
            if steps > 0 and (seconds >= 10.0 or steps >= 50 or step >= self.total):
                rate, left = steps / seconds, self.total - step
                tqdm.write(f"  speed: {rate:.3g} steps/s after warm-up ({seconds / steps:.3g} s per step); the "
                           f"remaining {left:,} steps take about {_duration(left / rate)}", file=sys.stderr)
                self._mark = None

    def on_train_begin(self, logs=None):
        # in a log file (no terminal) one line every 30 s instead of a redraw per step
        interval = 0.1 if sys.stderr.isatty() else 30.0
        self.bar = tqdm(total=self.total, initial=self.initial, unit="step", dynamic_ncols=True, mininterval=interval)

    def on_train_batch_end(self, batch, logs=None):
        step = int(self.model.g_optimizer.iterations.numpy())  # G's step, also after a rollback
        self.bar.update(step - self.bar.n)
        if self.report_speed:
            self._measure(step)
        if logs and batch % 10 == 0:
            self.bar.set_postfix({k: f"{float(logs[k]):.3f}" for k in self.keys if k in logs}, refresh=False)

    def on_train_end(self, logs=None):
        if self.bar is not None:
            self.bar.close()



def _duration(seconds):
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
