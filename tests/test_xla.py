"""Every preset's whole training step, and every technique switch, compiles with XLA (``jit_compile=True``):
what a TPU needs (no host-side op in the step, static shapes). Each case trains two steps of a tiny
configuration under ``jit_compile=True`` (TensorFlow raises where an op cannot be compiled) and checks that
the weights moved and stayed finite; together the cases cover every preset and every switch. One critic step
per G step: ``d_steps`` repeats the same critic update in the traced step, and XLA's compile time on a CPU
grows with the graph."""

import numpy as np
import pytest
import tensorflow as tf

from keras_gans import zoo
from tests.helpers import images, points, tiny_image_gan, tiny_progressive_gan, tiny_stylegan, toy_gan, weights

XLA = {"jit_compile": True, "model.d_steps": 1}
SPECTRAL = {"generator.base_filters": 4, "discriminator.base_filters": 4, "channels": 1, "batch_size": 8,
            "precision": "float32", **XLA}
TOY = {"batch_size": 16, **XLA}

PRESETS = {
    **{name: (lambda name=name: tiny_image_gan(name, **XLA), images(32)) for name in
       ("dcgan", "dcgan_ema", "hinge", "lsgan", "wgan", "wgan_gp")},
    **{name: (lambda name=name: zoo.load(name, **SPECTRAL), images(32, size=32)) for name in ("sngan", "sagan", "dcgan_sn")},
    **{name: (lambda name=name: toy_gan(preset=name, **TOY), points(64)) for name in
       ("gaussian_ring", "gaussian_ring_stable", "gaussian_ring_pacgan", "gaussian_grid_pacgan", "gaussian_ring_mgan",
        "gaussian_grid_mgan")},
    # unrolled D (Metz et al. 2017): G's gradient through 5 differentiable Adam updates of D
    "gaussian_ring_unrolled": (lambda: toy_gan(preset="gaussian_ring_unrolled", **TOY), points(64)),
    **{name: (lambda name=name: tiny_image_gan(name, **XLA), images(32)) for name in ("pacgan", "mgan")},
    # 4 -> 8 -> 16 within the two steps' schedule: one compilation per stage
    "progressive_gan": (lambda: tiny_progressive_gan(growth={"fade_images": 8, "stable_images": 8,
                                                             "batch_sizes": {"4": 8, "8": 8, "16": 8}}, **XLA), images(64, 16)),
    "stylegan": (lambda: tiny_stylegan(**{**XLA, "regularizers.r1.every": 1, "g_regularizers.path_length.every": 1}),
                 images(32, 16)),
    # the conditional presets: cbn G with a projection D, or with ACGAN's class head
    **{name: (lambda name=name: tiny_image_gan(name, num_classes=3, **XLA), (images(32), np.arange(32) % 3))
       for name in ("dcgan_ema_conditional", "acgan")},
    "sngan_projection": (lambda: zoo.load("sngan_projection", num_classes=3, **SPECTRAL),
                         (images(32, size=32), np.arange(32) % 3)),
}
CONDITIONAL_STYLE = {  # the style generator's conditional mapping, a projection residual D, path length with labels
    "conditional_stylegan": (lambda: tiny_stylegan(**{**XLA, "conditional": True, "num_classes": 3, "regularizers.r1.every": 1,
                                                      "g_regularizers.path_length.every": 1}), (images(32, 16), np.arange(32) % 3)),
}

# presets whose training step is the graph of another preset's (the same networks, loss and components; only
# the data or the sampling differ): that preset's case compiles it
SAME_STEP = {"gaussian_grid": "gaussian_ring", "gaussian_grid_stable": "gaussian_ring_stable",
             "dcgan_ema_stacked_mnist": "dcgan_ema", "pacgan_stacked_mnist": "pacgan", "mgan_stacked_mnist": "mgan"}

SWITCHES = {
    # D's regularisers (lazy R1 on its off-step too), historical averaging
    "d_regularizers": (lambda: toy_gan(**TOY, **{"regularizers.r1.every": 2, "regularizers.r2.weight": 1.0,
                                                 "regularizers.gradient_penalty.weight": 1.0,
                                                 "regularizers.dragan.weight": 1.0,
                                                 "regularizers.historical_averaging.weight": 1e-2}), points(64)),
    # what D sees: DiffAugment, adaptive augmentation, instance noise; consistency regularisation
    "augmentations": (lambda: tiny_image_gan("wgan_gp", **XLA, **{
        "d_input_transforms": {"diff_augment": {"policy": "color,translation,cutout"},
                               "adaptive_augment": {"policy": "cutout", "initial_p": 0.5, "interval": 1},
                               "instance_noise": {"sigma": 0.1}},
        "regularizers.consistency.weight": 1.0}), images(32)),
    # G's regularisers, replay buffer, D/G balance, slope schedule, label smoothing, EMA
    "tricks": (lambda: toy_gan(**TOY, **{"g_regularizers": {"jacobian_clamping": {"lambda_min": 2.0},
                                                            "feature_matching": {"weight": 1.0},
                                                            "historical_averaging": {"weight": 1e-2}},
                                         "replay_buffer": {"size": 32, "fraction": 0.5},
                                         "model.balance": {"d_max_accuracy": 0.6},
                                         "generator.slope_schedule": {"start": 0.5, "end": 0.2, "decay_steps": 2},
                                         "loss.real_label": 0.9, "model.ema_decay": 0.9}), points(64)),
    # the update rules other than the default (alternating: every preset), optimistic Adam
    **{f"update_rule_{rule}": (lambda rule=rule: toy_gan(**TOY, **{"model.update_rule": rule, "optimizers.g.name": "optimistic_adam"}),
                               points(64)) for rule in ("simultaneous", "extragradient")},
    "relativistic_losses": (lambda: tiny_image_gan("dcgan", **XLA, **{"loss.name": "rpgan", "regularizers.r1.weight": 1.0}),
                            images(32)),
    # the layers of the network options
    "layers": (lambda: tiny_image_gan("dcgan", **XLA, **{"generator.norm": "virtual_batch", "generator.attention_resolution": 14,
                                                        "discriminator.minibatch_discrimination": 4,
                                                        "discriminator.minibatch_stddev": True,
                                                        "discriminator.spectral_norm": True, "discriminator.norm": "layer"}),
               images(32)),
    "mixed_float16": (lambda: tiny_image_gan("wgan_gp", **XLA, precision="mixed_float16"), images(32)),
    "mixed_bfloat16": (lambda: tiny_image_gan("dcgan_ema", **XLA, precision="mixed_bfloat16"), images(32)),
    "steps_per_execution": (lambda: tiny_image_gan("dcgan", **XLA, steps_per_execution=2), images(32)),
    # a mixture of generators (MGAN): generator indices drawn per fake, the classifier head on D, EMA of the mixture
    "mixture": (lambda: tiny_image_gan("dcgan_ema", **XLA, **{"model.mixture": {"generators": 3, "beta": 0.5,
                                                                               "shared": "all_but_last"}}), images(32)),
    # packing (PacGAN): packed R1, consistency regularisation and the gradient penalty on packed interpolates
    "packing": (lambda: tiny_image_gan("wgan_gp", **XLA, **{"discriminator.packing": 2, "regularizers.r1.weight": 1.0,
                                                            "regularizers.consistency.weight": 1.0}), images(32)),
    # conditioning: cbn G, projection D, the labels through R1 / R2, the replay buffer and DiffAugment
    "conditional": (lambda: tiny_image_gan("dcgan_ema", **XLA, **{
        "conditional": True, "num_classes": 3, "regularizers.r1.weight": 1.0, "regularizers.r2.weight": 1.0,
        "replay_buffer": {"size": 32, "fraction": 0.5}, "d_input_transforms.diff_augment.policy": "translation"}),
        (images(32), np.arange(32) % 3)),
}


# the longest compilations (one per growth stage; the style and attention graphs): with --large
LARGE = ("progressive_gan", "stylegan", "sagan", "conditional_stylegan")


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.large) if c in LARGE else c
                                  for c in list(PRESETS) + list(SWITCHES) + list(CONDITIONAL_STYLE)])
def test_the_training_step_compiles_with_xla(case):
    make, data = {**PRESETS, **SWITCHES, **CONDITIONAL_STYLE}[case]
    gan = make()
    assert gan.jit_compile is True
    before = weights(gan)
    batch = 8 if np.ndim(data[0] if isinstance(data, tuple) else data) == 4 else 16
    steps = 4 if case == "progressive_gan" else 2
    ds = tf.data.Dataset.from_tensor_slices(data).repeat().batch(batch, drop_remainder=True).take(steps * gan.d_steps)
    gan.fit(ds, epochs=1, verbose=0)
    after = weights(gan)
    assert all(np.isfinite(w).all() for w in after)
    assert max(float(np.max(np.abs(a - b))) for a, b in zip(after, before)) > 0


def test_every_preset_has_a_case_or_shares_one():
    assert sorted(list(PRESETS) + list(SAME_STEP)) == sorted(zoo.list())
    for name, twin in SAME_STEP.items():  # the same step: the same networks, loss, components and model keys
        a, b = zoo.resolve(name), zoo.resolve(twin)
        for key in ("generator", "discriminator", "loss", "regularizers", "g_regularizers", "d_input_transforms",
                    "replay_buffer", "optimizers"):
            assert a[key] == b[key], (name, key)
        assert {k: v for k, v in a["model"].items() if k != "jacobian_truncation"} == \
            {k: v for k, v in b["model"].items() if k != "jacobian_truncation"}, name
