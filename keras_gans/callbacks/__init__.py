"""Training callbacks: sample grids, checkpoints, a whole-run progress bar, the training-health log."""

from keras_gans.callbacks.checkpoint import RunCheckpoint
from keras_gans.callbacks.progress import ProgressBar
from keras_gans.callbacks.stop_at_step import StopAtStep
from keras_gans.callbacks.sample_grid import SampleGrid
from keras_gans.callbacks.metrics_callback import MetricsCallback
from keras_gans.callbacks.nonfinite_guard import NonFiniteGuard
from keras_gans.callbacks.growth import GrowthCallback
from keras_gans.callbacks.preemption_checkpoint import PreemptionCheckpoint
from keras_gans.callbacks.training_log import TrainingLog
from keras_gans.callbacks.doctor import Doctor
