"""SIGTERM as a pre-emption: Slurm, Kubernetes and Cloud TPU stop a job with SIGTERM (then SIGKILL after a
grace period), not with Ctrl-C. Inside ``sigterm_as_preemption()`` a SIGTERM raises ``Preempted`` in the main
thread (after the TensorFlow call in progress returns), so the command can save and clean up as it does on
Ctrl-C; a second SIGTERM while it does is ignored."""

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


@contextlib.contextmanager
def sigterm_as_preemption():
    """Within the block a SIGTERM raises ``Preempted``; outside it the previous handler is back. Off the main
    thread (where Python takes no signal handlers) the block runs unchanged."""
    def handler(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # saving is not cut short by a second SIGTERM
        raise Preempted()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
