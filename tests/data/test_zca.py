import numpy as np

from keras_gans import data
from keras_gans.data import ZCAWhitening


def correlated(n=4000, seed=0):
    rng = np.random.default_rng(seed)
    mixing = rng.standard_normal((5, 5))
    return (rng.standard_normal((n, 5)) @ mixing + 3.0).astype(np.float32)


def test_whitened_data_has_identity_covariance_and_w_is_symmetric():
    x = correlated()
    zca = ZCAWhitening(epsilon=0.0).fit(x)
    w = zca.transform(x).numpy()
    np.testing.assert_allclose(np.cov(w, rowvar=False, bias=True), np.eye(5), atol=1e-3)
    np.testing.assert_allclose(w.mean(0), 0.0, atol=1e-3)
    np.testing.assert_allclose(zca.matrix, zca.matrix.T, atol=1e-10)
    # W = C^{-1/2}: W C W = I with C from numpy
    c = np.cov(x.astype(np.float64), rowvar=False, bias=True)
    np.testing.assert_allclose(zca.matrix @ c @ zca.matrix, np.eye(5), atol=1e-6)
    np.testing.assert_allclose(zca.inverse_transform(w), x, rtol=1e-3, atol=1e-3)


def test_epsilon_damps_low_variance_directions():
    x = correlated()
    x[:, 4] = 1.0  # a constant column (an MNIST border pixel)
    w = ZCAWhitening(epsilon=0.1).fit(x).transform(x).numpy()
    assert np.all(np.isfinite(w)) and np.abs(w[:, 4]).max() < 1e-3


def test_load_whitens_a_dataset(tmp_path):
    x = correlated(2048)
    path = tmp_path / "points.npz"
    np.savez(path, x=x)
    ds = data.load(str(path), batch_size=256, zca=1e-6, shuffle=False)
    out = np.concatenate([np.asarray(b[0] if isinstance(b, tuple) else b) for b in ds])
    np.testing.assert_allclose(np.cov(out, rowvar=False, bias=True), np.eye(5), atol=1e-2)
    np.testing.assert_allclose(ds.zca.inverse_transform(out), x, rtol=1e-3, atol=1e-3)


def test_training_on_whitened_data_is_refused_with_the_reason(tmp_path):
    import pytest

    from keras_gans import zoo
    from keras_gans.data import DataError
    from keras_gans.zoo import ConfigError

    path = tmp_path / "points.npz"
    np.savez(path, x=correlated(512)[:, :2] / 10)
    gan = zoo.load("gaussian_ring", **{"generator.units": [4], "discriminator.units": [4]})
    with pytest.raises(DataError, match="ZCA-whitened data cannot train a GAN here: sampling, export and evaluation do not un-whiten"):
        gan.fit(data.load(str(path), batch_size=256, zca=1e-2), epochs=1, verbose=0)
    with pytest.raises(ConfigError, match="dataset.zca: ZCA-whitened data cannot train"):
        zoo.resolve("dcgan", **{"dataset.zca": 0.01})
