"""keras_gans: GANs that converge, for TensorFlow / Keras 3."""

import os as _os

_os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from keras_gans import data, distribute, losses, models, networks, regularizers, zoo  # noqa: E402
from keras_gans.models import GAN, WGAN  # noqa: E402

__version__ = "0.1.0"
