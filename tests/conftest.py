import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# the tests check what XLA compiles and computes, not how fast: unoptimised code generation compiles ~30% faster
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=0")

import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

from keras_gans.distribute import split_logical_cpus  # noqa: E402

# two logical CPU devices, before TensorFlow initialises its runtime, for the 2-replica tests
DEVICES = split_logical_cpus(2)


@pytest.fixture(scope="session")
def two_replica_strategy():
    return tf.distribute.MirroredStrategy(DEVICES)
