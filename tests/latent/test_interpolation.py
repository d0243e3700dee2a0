"""Latent walks: the paths against closed forms, and walks of a generator against its own samples."""

import numpy as np
import pytest

from keras_gans.latent.interpolation import lerp, slerp
from tests.helpers import tiny_image_gan, tiny_stylegan


def test_slerp_ends_angles_and_norms_follow_the_great_circle():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((5, 16)), 3.0 * rng.standard_normal((5, 16))
    t = np.linspace(0.0, 1.0, 7)
    path = slerp(a, b, t)
    np.testing.assert_allclose(path[:, 0], a, atol=1e-12)
    np.testing.assert_allclose(path[:, -1], b, atol=1e-12)
    na, nb = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    np.testing.assert_allclose(np.linalg.norm(path, axis=2), na[:, None] + t[None] * (nb - na)[:, None], rtol=1e-10)
    omega = np.arccos(np.sum(a * b, 1) / (na * nb))
    cos_to_a = np.sum(path * a[:, None], 2) / (np.linalg.norm(path, axis=2) * na[:, None])
    np.testing.assert_allclose(np.arccos(np.clip(cos_to_a, -1, 1)), t[None] * omega[:, None], atol=1e-6)


def test_slerp_between_orthogonal_unit_vectors_and_lerp_by_hand():
    a, b = np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])
    np.testing.assert_allclose(slerp(a, b, [0.5])[0, 0], [np.sqrt(0.5), np.sqrt(0.5)], atol=1e-12)
    np.testing.assert_allclose(lerp(a, b, [0.25])[0, 0], [0.75, 0.25])
    # a Gaussian latent's shell: the straight midpoint sinks inside it, the spherical one stays on it
    rng = np.random.default_rng(1)
    z0, z1 = rng.standard_normal((200, 128)), rng.standard_normal((200, 128))
    assert np.linalg.norm(lerp(z0, z1, [0.5])[:, 0], axis=1).mean() < 0.75 * np.sqrt(128)
    assert abs(np.linalg.norm(slerp(z0, z1, [0.5])[:, 0], axis=1).mean() / np.sqrt(128) - 1) < 0.05


def test_slerp_of_parallel_latents_is_the_straight_line():
    a = np.array([[1.0, 2.0, 3.0]])
    np.testing.assert_allclose(slerp(a, 2 * a, [0.5]), lerp(a, 2 * a, [0.5]))


@pytest.fixture(scope="module")
def gan():
    return tiny_image_gan("dcgan")


def test_a_walk_starts_and_ends_at_the_generators_samples(gan):
    rng = np.random.default_rng(2)
    z0, z1 = rng.standard_normal((3, 8)).astype(np.float32), rng.standard_normal((3, 8)).astype(np.float32)
    for method in ("slerp", "linear"):
        walk = gan.interpolate(z0, z1, steps=6, method=method)
        assert walk.shape == (3, 6, 28, 28, 1)
        np.testing.assert_allclose(walk[:, 0], gan.generate(z=z0), atol=1e-5)
        np.testing.assert_allclose(walk[:, -1], gan.generate(z=z1), atol=1e-5)
    middle = gan.interpolate(z0[0], z1[0], steps=3, method="linear")[1]
    np.testing.assert_allclose(middle, gan.generate(z=(z0[:1] + z1[:1]) / 2)[0], atol=1e-5)


def test_bad_walks_are_refused(gan):
    z = np.zeros((2, 8), np.float32)
    with pytest.raises(ValueError, match="steps >= 2"):
        gan.interpolate(z, z, steps=1)
    with pytest.raises(ValueError, match="method"):
        gan.interpolate(z, z, method="cubic")
    with pytest.raises(ValueError, match=r"\[N, 8\]"):
        gan.interpolate(z, np.zeros((2, 5)))
    with pytest.raises(ValueError, match="style-based"):
        gan.interpolate(z, z, space="w")
    with pytest.raises(ValueError, match="conditional"):
        gan.interpolate(z, z, labels_to=1)


def test_a_walk_between_classes_goes_from_one_class_to_the_other_and_restores_the_embeddings():
    gan = tiny_image_gan("dcgan", conditional=True, num_classes=3)
    net = gan.sampling_generator
    tables = [w for w in net.weights if w.path.endswith("embeddings")]
    assert tables  # the conditional norms' scale and shift
    for i, w in enumerate(tables):  # distinct class rows, so that the classes differ
        w.assign(np.random.default_rng(i).standard_normal(w.shape).astype(np.float32) * 0.5)
    before = [np.array(w) for w in tables]
    rng = np.random.default_rng(4)
    z0, z1 = rng.standard_normal((2, 8)).astype(np.float32), rng.standard_normal((2, 8)).astype(np.float32)
    walk = gan.interpolate(z0, z1, steps=5, labels=0, labels_to=2, method="linear")
    np.testing.assert_allclose(walk[:, 0], gan.generate(z=z0, labels=0), atol=1e-5)
    np.testing.assert_allclose(walk[:, -1], gan.generate(z=z1, labels=2), atol=1e-5)
    assert all(np.array_equal(np.array(w), b) for w, b in zip(tables, before))  # restored
    for w, b in zip(tables, before):  # by hand: class 0's rows halfway to class 2's
        mid = b.copy()
        mid[0] = 0.5 * b[0] + 0.5 * b[2]
        w.assign(mid)
    np.testing.assert_allclose(walk[:, 2], gan.generate(z=(z0 + z1) / 2, labels=0), atol=1e-5)
    for w, b in zip(tables, before):
        w.assign(b)
    within = gan.interpolate(z0, z1, steps=5, labels=1)
    np.testing.assert_allclose(within[:, -1], gan.generate(z=z1, labels=1), atol=1e-5)


def test_a_walk_in_w_ends_at_the_style_generators_samples():
    gan = tiny_stylegan()
    rng = np.random.default_rng(5)
    z0, z1 = rng.standard_normal((2, 8)).astype(np.float32), rng.standard_normal((2, 8)).astype(np.float32)
    walk = gan.interpolate(z0, z1, steps=4, space="w", method="linear")
    np.testing.assert_allclose(walk[:, 0], gan.generate(z=z0), atol=1e-4)
    np.testing.assert_allclose(walk[:, -1], gan.generate(z=z1), atol=1e-4)
    truncated = gan.interpolate(z0, z1, steps=4, space="w", truncation=0.5)
    np.testing.assert_allclose(truncated[:, 0], gan.generate(z=z0, truncation=0.5), atol=1e-4)
