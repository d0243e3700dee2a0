import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# the tests check what XLA compiles and computes, not how fast: unoptimised code generation compiles ~30% faster
os.environ.setdefault("XLA_FLAGS", "--xla_backend_optimization_level=0")

import pytest  # noqa: E402

import keras_gans  # noqa: E402,F401  (first: TensorFlow's start-up lines hidden in the test workers too)
import tensorflow as tf  # noqa: E402

from keras_gans.distribute import split_logical_cpus  # noqa: E402

# two logical CPU devices, before TensorFlow initialises its runtime, for the 2-replica tests
DEVICES = split_logical_cpus(2)
if os.environ.get("PYTEST_XDIST_WORKER"):  # pytest -n N: N processes share the cores, one op thread each
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)


@pytest.fixture(scope="session")
def two_replica_strategy():
    return tf.distribute.MirroredStrategy(DEVICES)


def pytest_addoption(parser):
    parser.addoption("--large", action="store_true", default=False,
                     help="also run the tests marked large (several processes, timed runs, the soak)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--large"):
        return
    skip = pytest.mark.skip(reason="a large test: run with --large")
    for item in items:
        if "large" in item.keywords:
            item.add_marker(skip)


# ---------------------------------------------------------------- tiny trained runs, built once per test run
TOY_RUN = ["--set", "generator.units=[16,16]", "--set", "discriminator.units=[16,16]", "--set", "batch_size=32",
           "--steps", "10", "--checkpoint-every", "5", "--sample-every", "0"]


@pytest.fixture(scope="session")
def shared_toy_run(tmp_path_factory):
    """A ``keras-gans train gaussian_ring`` run of 10 tiny steps (checkpoints at 5 and 10, the exported
    generator), trained once per test run. Read it only; ``toy_run`` gives a copy to write into."""
    from keras_gans.cli import main

    out = str(tmp_path_factory.mktemp("shared") / "toy_run")
    assert main(["train", "gaussian_ring", "--out", out, *TOY_RUN]) == 0
    return out


@pytest.fixture
def toy_run(shared_toy_run, tmp_path):
    """A private copy of ``shared_toy_run`` (a test may resume it, evaluate it, damage it)."""
    import shutil

    return shutil.copytree(shared_toy_run, str(tmp_path / "toy_run"))
