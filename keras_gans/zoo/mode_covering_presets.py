"""Mode-covering presets: a discriminator that judges packs of samples (PacGAN), a mixture of generators
(MGAN) and an unrolled discriminator (unrolled GAN), each on a recipe of the zoo with that one change: the
image presets on ``dcgan_ema``, the toys on ``gaussian_ring_stable`` / ``gaussian_grid_stable`` (R1, a
cosine-annealed rate, an EMA of G)."""

import copy

from keras_gans.zoo.registry import PRESETS, register_preset
from keras_gans.zoo.small_image_presets import stacked_mnist


def _with(base, description, reference, **changes):
    preset = copy.deepcopy(PRESETS.get(base))
    preset.update(description=description, reference=reference + "; otherwise " + base)
    for key, value in changes.items():
        preset[key] = {**preset[key], **value} if isinstance(value, dict) else value
    return preset


PACGAN = "Lin et al. 2018, PacGAN, sec. 3 (packing)"
MGAN = "Hoang et al. 2018, MGAN, sec. 3, eq. 2 (K generators sharing all but their first layer, a classifier of the generator)"

# As in the authors' experiments, a packed D judges as many packs per step as the unpacked D judges samples:
# the batch grows m-fold (on the grid, 256 / 4 packs of a 256 batch gave 20-34% high-quality samples against
# 96% unpacked).
register_preset("pacgan", _with(
    "dcgan_ema", "dcgan_ema with a discriminator that judges 64 packs of 2 samples per step (small images, 28-64 px)",
    PACGAN + "; Table 2 (PacDCGAN2 on Stacked MNIST)", discriminator={"packing": 2}, batch_size=128))
register_preset("mgan", _with(
    "dcgan_ema", "dcgan_ema as a mixture of 10 generators sharing all but their first layer, beta 0.01",
    MGAN + "; K 10, beta 0.01: the authors' image settings", model={"mixture": {"generators": 10, "beta": 0.01}}))
register_preset("pacgan_stacked_mnist", stacked_mnist(copy.deepcopy(PRESETS.get("pacgan"))))
register_preset("mgan_stacked_mnist", stacked_mnist(copy.deepcopy(PRESETS.get("mgan"))))
register_preset("gaussian_ring_pacgan", _with(
    "gaussian_ring_stable", "gaussian_ring_stable with a discriminator that judges 256 packs of 2 samples per step",
    PACGAN + "; Table 1 (ring, packing 2)", discriminator={"packing": 2}, batch_size=512))
# On the grid packing 2 (256 packs of a 512 batch) keeps more samples on the modes than the paper's packing 4 (3 seeds
# of zoo/RESULTS.md: 96.9% against 93.9% high quality).
register_preset("gaussian_grid_pacgan", _with(
    "gaussian_grid_stable", "gaussian_grid_stable with a discriminator that judges 256 packs of 2 samples per step",
    PACGAN + "; Table 1 (the grid; packing 2)", discriminator={"packing": 2}, batch_size=512))
register_preset("gaussian_ring_mgan", _with(
    "gaussian_ring_stable", "gaussian_ring_stable as a mixture of 4 generators, beta 0.125",
    MGAN, model={"mixture": {"generators": 4, "beta": 0.125}}))
# On the grid the 5 generators share all but their last layer (each its own output map) and beta is 0.25: sharing
# all but the first left trails between the modes (85.0% high quality over 3 seeds, against 97.7%; zoo/RESULTS.md).
register_preset("gaussian_grid_mgan", _with(
    "gaussian_grid_stable", "gaussian_grid_stable as a mixture of 5 generators sharing all but their last layer, beta 0.25",
    MGAN.replace("all but their first layer", "all but one layer"),
    model={"mixture": {"generators": 5, "beta": 0.25, "shared": "all_but_last"}}))
register_preset("gaussian_ring_unrolled", _with(
    "gaussian_ring_stable", "gaussian_ring_stable with G's loss against D unrolled 5 Adam steps ahead",
    "Metz et al. 2017, Unrolled GAN, sec. 3.1 (the ring, 5 unrolling steps)", model={"unroll_steps": 5}))
