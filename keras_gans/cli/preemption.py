"""SIGTERM as a pre-emption: Slurm, Kubernetes and Cloud TPU stop a job with SIGTERM (then SIGKILL after a
grace period), not with Ctrl-C. Inside ``sigterm_as_preemption()`` a SIGTERM raises ``Preempted`` in the main
thread (after the TensorFlow call in progress returns), so the command can save and clean up as it does on
Ctrl-C; a second SIGTERM while it does is ignored. The SIGTERM is also remembered: native code that checks
for signals may swallow the exception raised in its midst, so a training loop calls ``check()`` after each
step (``train`` does, through a callback) and the pre-emption is never lost."""

import contextlib
import signal

EXIT_PREEMPTED = 143  # 128 + SIGTERM, what a shell reports for a job that SIGTERM ended: here, after saving


class Preempted(BaseException):
    """A SIGTERM arrived (a pre-emption). A ``BaseException``, like ``KeyboardInterrupt``: no ``except
    Exception`` swallows it. ``saved``: the checkpoint is already written (a multi-worker run's
    ``PreemptionCheckpoint``)."""

    def __init__(self, saved=False):
        super().__init__()
        self.saved = saved


class Sigterm:
    """What ``sigterm_as_preemption()`` yields: ``requested`` once a SIGTERM arrived; ``check()`` raises
    ``Preempted`` then (again, if the first one was swallowed)."""

    def __init__(self):
        self.requested = False

    def check(self):
        if self.requested:
            raise Preempted()


@contextlib.contextmanager
def sigterm_as_preemption():
    """Within the block a SIGTERM raises ``Preempted`` and is kept in the ``Sigterm`` yielded; outside it the
    previous handler is back. Off the main thread (where Python takes no signal handlers) the block runs
    unchanged."""
    sigterm = Sigterm()

    def handler(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # saving is not cut short by a second SIGTERM
        sigterm.requested = True
        raise Preempted()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:
        yield sigterm
        return
    try:
        yield sigterm
    finally:
        signal.signal(signal.SIGTERM, previous)
