import keras
import numpy as np
import pytest
import tensorflow as tf

from keras_gans.layers import SpectralNormalization


def top_singular_value(kernel):
    k = np.asarray(kernel)
    return np.linalg.svd(k.reshape(-1, k.shape[-1]), compute_uv=False)[0]


@pytest.mark.parametrize(
    "layer,shape",
    [
        (lambda: keras.layers.Dense(48, use_bias=False), (4, 32)),
        (lambda: keras.layers.Conv2D(6, 3, padding="same"), (2, 5, 5, 4)),
        (lambda: keras.layers.Conv2DTranspose(6, 4, strides=2, padding="same"), (2, 3, 3, 4)),
        (lambda: keras.layers.Embedding(20, 8), (5,)),
    ],
)
def test_power_iteration_converges_to_the_svd_and_never_touches_the_kernel(layer, shape):
    keras.utils.set_random_seed(0)
    sn = SpectralNormalization(layer())
    x = np.random.default_rng(0).integers(0, 20, shape) if len(shape) == 1 else np.random.default_rng(0).standard_normal(shape).astype("float32")
    sn(x)
    kernel = np.array(sn.kernel)
    for _ in range(400):  # one iteration per training call
        sn(x, training=True)
    np.testing.assert_array_equal(np.array(sn.kernel), kernel)  # never overwritten
    sigma = float(sn.sigma_and_u()[0])
    assert sigma == pytest.approx(top_singular_value(kernel), rel=0.01)
    assert top_singular_value(np.array(sn.normalized_kernel())) == pytest.approx(1.0, rel=0.01)


def test_u_advances_only_when_training():
    sn = SpectralNormalization(keras.layers.Dense(8))
    x = np.ones((2, 5), np.float32)
    sn(x)
    u = np.array(sn.u)
    sn(x)
    sn(x, training=False)
    np.testing.assert_array_equal(np.array(sn.u), u)
    sn(x, training=True)
    assert not np.allclose(np.array(sn.u), u)


def test_forward_equals_the_layer_with_the_normalised_kernel():
    rng = np.random.default_rng(1)
    sn = SpectralNormalization(keras.layers.Conv2D(3, 3, strides=2, padding="same", activation="tanh"))
    x = rng.standard_normal((2, 6, 6, 2)).astype("float32")
    y = np.array(sn(x))
    w = np.array(sn.normalized_kernel())
    expected = np.tanh(tf.nn.conv2d(x, w, 2, "SAME").numpy() + np.array(sn.layer.bias))
    np.testing.assert_allclose(y, expected, atol=1e-5)


def test_gradient_matches_finite_differences_through_sigma():
    # with u converged, the gradient of f(W) = sum(r * (x @ W / sigma(W))) must equal the finite
    # differences of f with sigma from numpy's SVD: the gradient flows through sigma
    keras.utils.set_random_seed(2)
    rng = np.random.default_rng(2)
    sn = SpectralNormalization(keras.layers.Dense(4, use_bias=False))
    x = rng.standard_normal((3, 5)).astype("float32")
    sn(x)
    for _ in range(300):
        sn(x, training=True)
    r = x @ np.array(sn.kernel) + 0.1 * rng.standard_normal((3, 4))  # correlated with the output: sigma matters
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.cast(sn(x), tf.float64) * r)
    grad = tape.gradient(loss, sn.kernel.value).numpy()

    w0 = np.array(sn.kernel, np.float64)

    def f(w):
        return np.sum(r * (x.astype(np.float64) @ (w / np.linalg.svd(w, compute_uv=False)[0])))

    h, numeric = 1e-5, np.zeros_like(w0)
    for idx in np.ndindex(*w0.shape):
        e = np.zeros_like(w0)
        e[idx] = h
        numeric[idx] = (f(w0 + e) - f(w0 - e)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=2e-3, atol=2e-4)
    # without the path through sigma the gradient would be r^T x / sigma: clearly different
    assert np.max(np.abs(grad - (x.T @ r) / np.linalg.svd(w0, compute_uv=False)[0])) > 1e-2


def test_u_is_identical_on_both_replicas(two_replica_strategy):
    with two_replica_strategy.scope():
        model = keras.Sequential([keras.Input((6,)), SpectralNormalization(keras.layers.Dense(5)), keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    x = np.random.default_rng(3).standard_normal((16, 6)).astype("float32")
    model.fit(x, np.ones((16, 1), np.float32), batch_size=8, epochs=2, verbose=0)
    sn = model.layers[0]
    first, second = (np.array(v) for v in two_replica_strategy.experimental_local_results(sn.u.value))
    np.testing.assert_array_equal(first, second)
    kernels = two_replica_strategy.experimental_local_results(sn.kernel.value)
    np.testing.assert_array_equal(np.array(kernels[0]), np.array(kernels[1]))


def test_mixed_float16_and_xla():
    keras.config.set_dtype_policy("mixed_float16")
    try:
        sn = SpectralNormalization(keras.layers.Conv2D(4, 3, padding="same"))
        x = np.random.default_rng(4).standard_normal((2, 8, 8, 3)).astype("float32")
        y = sn(x, training=True)
        assert y.dtype == "float16" and sn.u.dtype == "float32" and sn.kernel.dtype == "float32"
        tf.function(lambda t: sn(t, training=True), jit_compile=True)(x)  # updates u inside XLA
        compiled = tf.function(lambda t: sn(t, training=False), jit_compile=True)
        np.testing.assert_allclose(np.array(compiled(x), np.float32), np.array(sn(x), np.float32), atol=2e-2)
    finally:
        keras.config.set_dtype_policy("float32")


def test_rejects_unsupported_layers_and_round_trips(tmp_path):
    with pytest.raises(TypeError, match="wraps Dense, Conv2D"):
        SpectralNormalization(keras.layers.LSTM(3))
    model = keras.Sequential([keras.Input((4,)), SpectralNormalization(keras.layers.Dense(3), power_iterations=2)])
    x = np.ones((2, 4), np.float32)
    model(x, training=True)
    model.save(tmp_path / "m.keras")
    back = keras.models.load_model(tmp_path / "m.keras")
    np.testing.assert_allclose(np.array(back(x)), np.array(model(x)), atol=1e-6)
    assert back.layers[0].power_iterations == 2
