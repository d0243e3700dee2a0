"""The same steps on 1 and on 2 replicas (same global batch and seeds) give the same weights."""

import numpy as np
import pytest
import tensorflow as tf

from tests.helpers import images, max_abs_diff, points, tiny_image_gan, tiny_stylegan, toy_gan, weights


def _train(make, strategy, data, global_batch, steps):
    gan = make(strategy)
    # d_steps real batches per step (one per critic update)
    ds = tf.data.Dataset.from_tensor_slices(data).repeat().batch(global_batch, drop_remainder=True).take(steps * gan.d_steps)
    gan.fit(ds, epochs=1, verbose=0)
    return gan


# learning rates large enough that two steps move weights 100x more than the tolerance
FAST = {"optimizers.d.learning_rate": 1e-2, "optimizers.g.learning_rate": 1e-2}
SGD_FAST = {"optimizers.d": {"name": "sgd", "learning_rate": 1e-2}, "optimizers.g": {"name": "sgd", "learning_rate": 1e-2}}

CASES = {
    # non-saturating MLP GAN, 2 D steps per G step
    "toy": (lambda s: toy_gan(strategy=s, **{"model.d_steps": 2, "batch_size": 16, **FAST}), points(64)),
    # WGAN-GP on DCGAN networks: per-sample interpolation weights must be sliced per replica too
    "wgan_gp": (lambda s: tiny_image_gan("wgan_gp", strategy=s, **{"model.d_steps": 2, **FAST}), images(32)),
    # batch-normalised DCGAN: synchronised batch statistics
    "dcgan": (lambda s: tiny_image_gan("dcgan", strategy=s, **FAST), images(32)),
    # training-dynamics pieces: lazy R1, DRAGAN's perturbation, instance noise, label smoothing
    "dynamics": (lambda s: toy_gan(strategy=s, **{"model.d_steps": 2, "batch_size": 16, **FAST,
                                                  "regularizers.r1.every": 2, "regularizers.dragan.weight": 1.0,
                                                  "d_input_transforms.instance_noise.sigma": 0.1,
                                                  "loss.real_label": 0.9}), points(64)),
    # generator regularisers, historical averaging of D, replay buffer, D/G balancing, slope schedule
    "tricks": (lambda s: toy_gan(strategy=s, **{"batch_size": 16, **FAST,
                                                "g_regularizers": {"jacobian_clamping": {"lambda_min": 2.0},
                                                                   "feature_matching": {"weight": 1.0},
                                                                   "historical_averaging": {"weight": 1e-2}},
                                                "regularizers.historical_averaging.weight": 1e-2,
                                                "replay_buffer": {"size": 32, "fraction": 0.5},
                                                "model.balance": {"d_max_accuracy": 0.6},
                                                "generator.slope_schedule": {"start": 0.5, "end": 0.2, "decay_steps": 2}}),
               points(64)),
    # extragradient with Adam (Extra-Adam) for D and optimistic Adam for G, 2 D steps
    "extragradient": (lambda s: toy_gan(strategy=s, **{"model.d_steps": 2, "batch_size": 16, **FAST,
                                                       "model.update_rule": "extragradient",
                                                       "optimizers.g.name": "optimistic_adam"}), points(64)),
    # image transforms: DiffAugment, adaptive augmentation (p from the global r_t), consistency regularisation
    # (one critic step: after five, Adam turns float summation-order noise of near-zero gradients into
    # lr-sized steps; with SGD five steps agree to 1e-7)
    "augment": (lambda s: tiny_image_gan("wgan_gp", strategy=s, **{**FAST, "model.d_steps": 1, "d_input_transforms": {
        "diff_augment": {"policy": "color,translation"},
        "adaptive_augment": {"policy": "cutout", "initial_p": 0.5, "interval": 1, "speed_images": 100.0}},
        "regularizers.consistency.weight": 1.0}), images(32)),
    # relativistic losses: RpGAN's pairs stay within a replica, RaGAN's means are all-reduced
    "rpgan": (lambda s: tiny_image_gan("dcgan", strategy=s, **{**FAST, "loss.name": "rpgan"}), images(32)),
    "ragan": (lambda s: toy_gan(strategy=s, **{"batch_size": 16, **FAST, "loss.name": "ragan"}), points(64)),
    # StyleGAN2: style mixing and noise drawn for the global batch, the average w and the path-length mean
    # all-reduced, minibatch std-dev groups within a replica, lazy R1 and path length on step 0
    "stylegan": (lambda s: tiny_stylegan(strategy=s, **FAST), images(32, 16)),
    # float16 compute with a loss-scale optimizer per player, R1 (its backward pass scaled too) and the EMA; SGD,
    # because Adam turns float16's rounding differences of near-zero gradients into lr-sized steps (see TOLERANCE)
    "float16": (lambda s: tiny_image_gan("dcgan", strategy=s, **{**SGD_FAST, "precision": "mixed_float16",
                                                               "model.d_steps": 2, "regularizers.r1.weight": 1.0,
                                                               "model.ema_decay": 0.9}), images(32)),
    # MGAN: the generator of each fake drawn for the global batch and sliced, the classifier's term on the fakes
    "mixture": (lambda s: toy_gan(strategy=s, **{"batch_size": 16, **FAST, "model.mixture": {"generators": 3, "beta": 0.5},
                                                 "model.ema_decay": 0.9}), points(64)),
    "mixture_dcgan": (lambda s: tiny_image_gan("dcgan", strategy=s, **{**FAST, "model.mixture": {
        "generators": 2, "shared": "all_but_last"}}), images(32)),
    # unrolled D: the lookahead's gradients summed over the replicas at every unrolled update
    "unrolled": (lambda s: toy_gan(strategy=s, **{"batch_size": 16, **FAST, "model.unroll_steps": 3}), points(64)),
    "unrolled_dcgan": (lambda s: tiny_image_gan("dcgan", strategy=s, **{**FAST, "model.unroll_steps": 2}), images(32)),
    # packing (PacGAN): packs of consecutive samples within each replica's slice, the penalty on packed interpolates
    "packing": (lambda s: tiny_image_gan("wgan_gp", strategy=s, **{**FAST, "model.d_steps": 2,
                                                                 "discriminator.packing": 2}), images(32)),
    "packing_toy": (lambda s: toy_gan(strategy=s, **{"batch_size": 16, **FAST, "discriminator.packing": 4,
                                                     "regularizers.r1.weight": 1.0}), points(64)),
    # a conditional GAN (cbn G, projection D): real labels split per replica, fake labels drawn for the global
    # batch and sliced, the replay buffer's labels gathered, R1 on the reals' and R2 on the fakes' labels
    "conditional": (lambda s: tiny_image_gan("dcgan", strategy=s, **{**FAST, "conditional": True, "num_classes": 3,
                                                                     "model.d_steps": 2, "regularizers.r1.weight": 1.0,
                                                                     "regularizers.r2.weight": 1.0,
                                                                     "replay_buffer": {"size": 32, "fraction": 0.5}}),
                    (images(32), np.arange(32) % 3)),
}
# float16 keeps 11 significant bits (rounding 5e-4 relative) and 1 and 2 replicas sum in another order: measured 1e-4
TOLERANCE = {"float16": 1e-3}


# the longest cases run with --large
LARGE = ("stylegan",)


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.large) if c in LARGE else c for c in CASES])
def test_one_and_two_replicas_agree(case, two_replica_strategy):
    make, data = CASES[case]
    one = _train(make, tf.distribute.OneDeviceStrategy("/cpu:0"), data, 16, 2)
    two = _train(make, two_replica_strategy, data, 16, 2)
    assert int(two.g_optimizer.iterations.numpy()) == int(one.g_optimizer.iterations.numpy()) >= 2
    w1 = weights(one.generator) + weights(one.discriminator)
    w2 = weights(two.generator) + weights(two.discriminator)
    fresh = make(None)  # same seed: the initial weights
    assert max_abs_diff(w1, weights(fresh.generator) + weights(fresh.discriminator)) > 1e-2  # it trained
    assert max_abs_diff(w1, w2) < TOLERANCE.get(case, 1e-4)


def test_replicas_draw_different_latents(two_replica_strategy):
    gan = toy_gan(strategy=two_replica_strategy)

    @tf.function
    def draw():
        return two_replica_strategy.run(lambda: gan.sample_latents(4))

    per_replica = [t.numpy() for t in two_replica_strategy.experimental_local_results(draw())]
    assert per_replica[0].shape == (4, gan.latent_dim)
    assert not np.allclose(per_replica[0], per_replica[1])
    # together they are the global draw that one replica would make from the same seed state
    single = toy_gan()
    np.testing.assert_allclose(np.concatenate(per_replica), single.sample_latents(8).numpy(), rtol=1e-6)


def _batch_norms(gan):
    import keras

    from keras_gans.private_api import nested_layers

    return [layer for net in (gan.generator, gan.discriminator) for layer in nested_layers(net)
            if isinstance(layer, keras.layers.BatchNormalization)]


def test_sync_batch_norm_false_normalises_each_replica_by_its_own_batch(two_replica_strategy):
    """The ``dcgan`` case above (``sync_batch_norm`` on, the default; 2 BN layers in G, 1 in D at 28x28) equals
    1 replica; off, each replica's statistics come from its half of the batch, and the two runs part."""
    def make(s):
        return tiny_image_gan("dcgan", strategy=s, sync_batch_norm=False, **FAST)

    assert all(layer.synchronized for layer in _batch_norms(tiny_image_gan("dcgan")))
    assert len(_batch_norms(make(None))) == 3 and not any(layer.synchronized for layer in _batch_norms(make(None)))
    one = _train(make, tf.distribute.OneDeviceStrategy("/cpu:0"), images(32), 16, 2)
    two = _train(make, two_replica_strategy, images(32), 16, 2)
    assert max_abs_diff(weights(one.generator) + weights(one.discriminator),
                        weights(two.generator) + weights(two.discriminator)) > 1e-3


def test_the_chief_is_the_chief_task_or_worker_0_of_a_cluster_without_one(monkeypatch):
    import json

    from keras_gans.distribute import is_chief_task

    def config(cluster, kind, index):
        monkeypatch.setenv("TF_CONFIG", json.dumps({"cluster": cluster, "task": {"type": kind, "index": index}}))
        return is_chief_task()

    workers = {"worker": ["a:1", "b:1"]}
    assert config(workers, "worker", 0) and not config(workers, "worker", 1)
    with_chief = {"chief": ["c:1"], "worker": ["a:1", "b:1"]}  # Vertex AI's and TFJob's layout
    assert config(with_chief, "chief", 0) and not config(with_chief, "worker", 0)
    monkeypatch.delenv("TF_CONFIG")
    assert is_chief_task()  # one process: it writes its run
