"""Conditioning as an option of the DCGAN networks: G ``embed`` / ``cbn`` and D ``projection`` compute the
functions of their papers, and ``conditioning="none"`` is the unconditional network."""

import keras
import numpy as np
import pytest

from keras_gans.networks import build_discriminator, build_generator

G = {"network": "dcgan", "latent_dim": 8, "resolution": 16, "channels": 1, "base_filters": 8}
D = {"network": "dcgan", "resolution": 16, "channels": 1, "base_filters": 8}


def _z(n=6, seed=0):
    return np.random.default_rng(seed).standard_normal((n, 8)).astype("float32")


def test_embed_conditions_g_through_its_class_embedding_only():
    g = build_generator({**G, "conditioning": "embed", "num_classes": 3})
    z, a, b = _z(), np.zeros(6, "int32"), np.full(6, 2, "int32")
    table = g.get_layer("class_embedding")
    table.set_weights([np.random.default_rng(2).standard_normal((3, 8)).astype("float32")])  # codes as strong as z
    out_a, out_b = np.asarray(g([z, a], training=False)), np.asarray(g([z, b], training=False))
    assert np.abs(out_a - out_b).max() > 0.05 * np.abs(out_a).max()  # the class changes the image
    table.set_weights([np.repeat(table.get_weights()[0][:1], 3, axis=0)])  # every class the same code
    np.testing.assert_allclose(np.asarray(g([z, a], training=False)), np.asarray(g([z, b], training=False)), atol=1e-9)


def test_cbn_starts_as_the_unconditional_batch_norm_generator_and_scales_per_class():
    plain = build_generator(G)
    cbn = build_generator({**G, "conditioning": "cbn", "num_classes": 4})
    for layer in plain.layers:  # the same convolution weights in both; plain batch norm with scale 1, shift 0
        if layer.name.startswith(("project", "deconv")):
            cbn.get_layer(layer.name).set_weights(layer.get_weights())
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.gamma.assign(np.ones(layer.gamma.shape))
    z, labels = _z(), np.array([0, 1, 2, 3, 0, 1], "int32")
    for training in (False, True):  # moving statistics and batch statistics alike
        reference = np.asarray(plain(z, training=training))
        np.testing.assert_allclose(np.asarray(cbn([z, labels], training=training)), reference,
                                   atol=1e-4 * np.abs(reference).max())
    gamma = cbn.get_layer("norm_0").gamma
    gamma.set_weights([np.stack([np.zeros(gamma.output_dim), np.full(gamma.output_dim, 0.5), *np.zeros((2, gamma.output_dim))])])
    out = np.asarray(cbn([z, labels], training=False))
    reference = np.asarray(plain(z, training=False))
    moved = np.abs(out - reference).reshape(6, -1).max(1) / np.abs(reference).max()
    assert (moved[[1, 5]] > 0.05).all() and (moved[[0, 2, 3, 4]] < 1e-4).all()  # only class 1's samples change


def test_projection_adds_the_class_embeddings_inner_product_with_ds_features():
    d = build_discriminator({**D, "conditioning": "projection", "num_classes": 5})
    probe = keras.Model(d.inputs, [d.get_layer("logit").input, d.get_layer("logit").output])
    x = np.random.default_rng(1).uniform(-1, 1, (6, 16, 16, 1)).astype("float32")
    labels = np.array([4, 0, 1, 1, 3, 2], "int32")
    features, logit = (np.asarray(t) for t in probe([x, labels], training=False))
    v = np.asarray(d.get_layer("class_projection").embedding)
    expected = logit[:, 0] + np.einsum("bf,bf->b", v[labels], features)  # psi(phi(x)) + V[y] . phi(x)
    np.testing.assert_allclose(np.asarray(d([x, labels], training=False))[:, 0], expected, rtol=1e-4, atol=1e-5)


def test_unconditional_networks_take_no_labels():
    assert len(build_generator(G).inputs) == 1 and len(build_discriminator(D).inputs) == 1
    assert len(build_generator({**G, "conditioning": "none"}).inputs) == 1


@pytest.mark.parametrize(
    "spec,builder,message",
    [
        ({**G, "conditioning": "cbn", "num_classes": 3, "norm": "layer"}, build_generator, "needs generator.norm='batch'"),
        ({**G, "conditioning": "embed"}, build_generator, "needs generator.num_classes, a whole number >= 2"),
        ({**G, "conditioning": "film"}, build_generator, "generator.conditioning must be one of none, embed, cbn"),
        ({**D, "conditioning": "projection", "num_classes": 1}, build_discriminator, "discriminator.num_classes"),
        ({**D, "conditioning": "cbn", "num_classes": 3}, build_discriminator, "must be one of none, projection"),
    ],
)
def test_conditioning_options_that_cannot_work_are_refused_by_name(spec, builder, message):
    with pytest.raises(ValueError) as e:
        builder(spec)
    assert message in str(e.value)


def test_the_resnet_networks_condition_as_the_dcgan_ones():
    spec = {"network": "resnet", "latent_dim": 8, "resolution": 8, "channels": 3, "base_filters": 8}
    plain = build_generator(spec)
    cbn = build_generator({**spec, "conditioning": "cbn", "num_classes": 3})
    names = [layer.name for layer in cbn.layers if "cbn" in layer.name]
    assert len(names) == len([layer for layer in plain.layers if isinstance(layer, keras.layers.BatchNormalization)]) > 0
    for layer in plain.layers:  # the same weights; BN at scale 1, shift 0: the same function at the start
        if layer.weights and not isinstance(layer, keras.layers.BatchNormalization):
            cbn.get_layer(layer.name).set_weights(layer.get_weights())
        elif isinstance(layer, keras.layers.BatchNormalization):
            layer.gamma.assign(np.ones(layer.gamma.shape))
    z = _z(4)
    reference = np.asarray(plain(z, training=True))
    np.testing.assert_allclose(np.asarray(cbn([z, np.array([0, 1, 2, 0], "int32")], training=True)), reference,
                               atol=1e-4 * np.abs(reference).max())
    d = build_discriminator({"network": "resnet", "resolution": 8, "channels": 3, "base_filters": 8,
                             "conditioning": "projection", "num_classes": 3})
    x = np.random.default_rng(1).uniform(-1, 1, (4, 8, 8, 3)).astype("float32")
    labels = np.array([2, 0, 1, 2], "int32")
    pooled = keras.Model(d.inputs, d.get_layer("global_sum_pool").output)([x, labels])
    logit = keras.Model(d.inputs, d.get_layer("logit_and_projection").input[0])([x, labels])
    v = np.asarray(d.get_layer("class_projection").embedding)
    expected = np.asarray(logit)[:, 0] + np.einsum("bf,bf->b", v[labels], np.asarray(pooled))
    np.testing.assert_allclose(np.asarray(d([x, labels]))[:, 0], expected, rtol=1e-4, atol=1e-5)


def test_the_style_generator_joins_the_normalised_class_embedding_to_z_at_the_mapping_input():
    from keras_gans.networks import StyleGenerator

    g = StyleGenerator(latent_dim=8, w_dim=8, resolution=8, fmap_base=32, fmap_max=4, mapping_layers=2,
                       conditioning="embed", num_classes=3, seed=0)
    rng = np.random.default_rng(0)
    table = rng.standard_normal((3, 8)).astype("float32")
    g.class_embedding.set_weights([table])
    z, y = _z(4), np.array([0, 1, 2, 1], "int32")

    def unit(v):  # StyleGAN's normalisation: unit second moment per sample
        return v / np.sqrt(np.mean(np.square(v), axis=1, keepdims=True) + 1e-8)

    h = np.concatenate([unit(z), unit(table[y])], 1)  # the mapping's input, by hand
    for layer in g.mapping.layers[1:]:
        h = np.asarray(layer(h))
    np.testing.assert_allclose(np.asarray(g.map(z, y)), h, rtol=1e-4, atol=1e-5)
    for conv in [c for block in g.convs for c in block] + g.to_rgbs:  # styles start at 0 (the preset): move them off it
        for w in conv.trainable_weights:
            if len(w.shape) > 1:
                w.assign(rng.normal(0.0, 0.5, w.shape).astype("float32"))
    a, b = np.asarray(g([z, np.zeros(4, "int32")], training=False)), np.asarray(g([z, np.full(4, 2, "int32")], training=False))
    assert np.abs(a - b).max() > 1e-4  # the class changes the image
    g.class_embedding.set_weights([np.repeat(table[:1], 3, 0)])  # one code for every class: one image
    np.testing.assert_allclose(np.asarray(g([z, np.zeros(4, "int32")], training=False)),
                               np.asarray(g([z, np.full(4, 2, "int32")], training=False)), atol=1e-6)
