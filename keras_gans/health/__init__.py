"""Training health: a run's curves (``Curves``), their page (``plot_health``: ``RUN/health.png``) and the doctor
(``diagnose``), which names what went wrong from the curves with its evidence and the ``--set`` keys to try."""

from keras_gans.health.conditions import CONDITIONS, Condition, Finding, register_condition
from keras_gans.health.curves import Curves
from keras_gans.health.doctor import diagnose, diagnose_run, report
from keras_gans.health.history_file import HistoryFile, read_history
from keras_gans.health.plot import plot_health
