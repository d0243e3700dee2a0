import shutil
import sys
import tempfile

import keras
import numpy as np

from keras_gans.models.nonfinite import NonFiniteError, describe, likely_causes
from keras_gans.checks import nonfinite_policy


def _say(message):
    try:
        from tqdm.auto import tqdm

        tqdm.write(message, file=sys.stderr)
    except ImportError:  # pragma: no cover
        print(message, file=sys.stderr)


class NonFiniteGuard(keras.callbacks.Callback):
    """Acts on the ``nonfinite`` code that every GAN step reports (``keras_gans.models.nonfinite``: a
    flagged update has already been dropped in the step). Policies (``GAN(on_nonfinite=...)``):

    - ``stop``: stop ``fit`` after the flagged step; ``GAN.fit`` then raises ``NonFiniteError`` naming
      the step, what went non-finite and the likely causes;
    - ``skip``: go on (the dropped update is the skip); stop as above after ``limit`` flagged steps in a row;
    - ``rollback``: restore the last good checkpoint (``checkpoint``, a ``RunCheckpoint``; without one,
      a temporary checkpoint made at the start and after every epoch) and halve both learning rates,
      at most ``limit`` times, then stop.

    The usual remedy list of the GAN literature (e.g. Goodfellow 2016, NIPS tutorial, sec. 3; the
    "ganhacks" list): lower learning rates, a bounded critic (Gulrajani et al. 2017), data in range.

    Args:
        on_nonfinite: ``"stop"``, ``"skip"``, ``"rollback"`` or ``{"policy": ..., "limit": k}``.
        checkpoint: the ``RunCheckpoint`` that ``rollback`` restores (optional).

    Example:
        >>> gan.fit(data, callbacks=[NonFiniteGuard("skip")])
    """

    def __init__(self, on_nonfinite="stop", checkpoint=None):
        super().__init__()
        self.policy, self.limit = nonfinite_policy(on_nonfinite)
        self.checkpoint = checkpoint
        self.report = None  # (step, code) that stopped training
        self.events = []  # (step, code, action) for every flagged step
        self.in_a_row = 0
        self.rollbacks = 0
        self._temporary = None

    @property
    def tripped(self):
        return self.report is not None

    def on_train_begin(self, logs=None):
        self.report, self.in_a_row = None, 0
        if self.policy != "rollback":
            return
        if self.checkpoint is None:
            from keras_gans.callbacks.checkpoint import RunCheckpoint

            self._temporary = tempfile.mkdtemp(prefix="keras_gans_rollback_")
            self.checkpoint = RunCheckpoint(self.model, self._temporary, max_to_keep=1)
        if self.checkpoint.manager.latest_checkpoint is None:
            self.checkpoint.save()  # something good to go back to from the first step on

    def on_epoch_end(self, epoch, logs=None):
        if self._temporary is not None:
            self.checkpoint.save()

    def on_train_end(self, logs=None):
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary, self.checkpoint = None, None

    def _step(self):
        return int(self.model.g_optimizer.iterations.numpy())

    def on_train_batch_end(self, batch, logs=None):
        code = int(np.asarray((logs or {}).get("nonfinite", 0)))
        if code and hasattr(self.model, "clear_nonfinite"):
            self.model.clear_nonfinite()  # the codes since the last look (steps_per_execution > 1): read, so cleared
        if not code:
            self.in_a_row = 0
            return
        step = self._step()
        self.in_a_row += 1
        if self.policy == "skip" and self.in_a_row <= self.limit:
            self.events.append((step, code, "skipped"))
            _say(f"warning: step {step}: {describe(code)} went non-finite; that update was skipped "
                 f"({self.in_a_row} in a row, at most {self.limit}).")
            return
        if self.policy == "rollback" and self.rollbacks < self.limit:
            self._rollback(step, code)
            return
        self.events.append((step, code, "stopped"))
        self.report = (step, code)
        self.model.stop_training = True

    def _rollback(self, step, code):
        rates = [float(opt.learning_rate) for opt in (self.model.d_optimizer, self.model.g_optimizer)]
        restored = self.checkpoint.restore()
        for opt, rate in zip((self.model.d_optimizer, self.model.g_optimizer), rates):
            opt.learning_rate = rate * 0.5
        self.rollbacks += 1
        self.in_a_row = 0
        self.events.append((step, code, f"rolled back to step {restored}"))
        _say(f"warning: step {step}: {describe(code)} went non-finite; rolled back to step {restored} and halved "
             f"the learning rates to D {rates[0] * 0.5:.3g}, G {rates[1] * 0.5:.3g} "
             f"(rollback {self.rollbacks} of {self.limit}).")

    def message(self):
        step, code = self.report
        if self.policy == "skip":
            why = f"{self.in_a_row} updates in a row were non-finite (policy skip, limit {self.limit})"
        elif self.policy == "rollback":
            why = f"it diverged again after {self.rollbacks} rollback(s) (policy rollback, limit {self.limit})"
        else:
            why = "policy stop"
        causes = "\n".join(f"  - {c}" for c in likely_causes(self.model))
        return (f"training stopped at step {step}: {describe(code)} became non-finite (NaN or inf); {why}. "
                f"That update was not applied.\nLikely causes:\n{causes}")

    def raise_if_tripped(self):
        if self.tripped:
            raise NonFiniteError(self.message())
