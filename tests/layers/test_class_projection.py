"""ClassProjection is y^T V phi: the row of V for each sample's class, dotted with its features."""

import numpy as np

from keras_gans.layers import ClassProjection


def test_the_projection_is_the_class_rows_inner_product_with_the_features():
    rng = np.random.default_rng(0)
    features, labels = rng.standard_normal((5, 7)).astype("float32"), np.array([2, 0, 2, 1, 3])
    layer = ClassProjection(4)
    layer([features, labels])
    v = rng.standard_normal((4, 7)).astype("float32")
    layer.embedding.assign(v)
    expected = np.array([[v[c] @ f] for c, f in zip(labels, features)])  # one dot product per sample
    np.testing.assert_allclose(np.asarray(layer([features, labels])), expected, rtol=1e-5)
