"""What a projection returns."""

import dataclasses

import numpy as np


@dataclasses.dataclass
class Projection:
    """The result of ``Projector.project`` for N images: ``latents`` (z [N, d]; w [N, w_dim]; w+ [N, num_ws,
    w_dim]), the ``images`` G makes of them (float32 in [-1, 1]), each image's ``distance`` (the objective:
    pixels plus features), ``pixel_mse`` and ``feature_distance`` apart, the ``space``, and, for a style-based
    generator whose noise was optimised, the ``noise`` maps of each image (one list per image)."""

    latents: np.ndarray
    images: np.ndarray
    distance: np.ndarray
    pixel_mse: np.ndarray
    feature_distance: np.ndarray
    space: str
    noise: list = None
