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


def pytest_addoption(parser):
    parser.addoption("--large", action="store_true", default=False,
                     help="also run the tests marked large (several processes, timed runs, the soak)")


def pytest_configure(config):
    config.addinivalue_line("markers", "large: slow tests (several processes, timed runs, the soak); run with --large")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--large"):
        return
    skip = pytest.mark.skip(reason="a large test: run with --large")
    for item in items:
        if "large" in item.keywords:
            item.add_marker(skip)
