"""The samples themselves as features: 2-D points of the toy mixtures, or any low-dimensional data."""

from keras_gans.metrics.extractors.base import FeatureExtractor


class IdentityExtractor(FeatureExtractor):
    """The samples themselves as features (2-D points of the toy mixtures, any low-dimensional data).

    Returns:
        the samples themselves, ``[N, D]``.

    Example:
        >>> IdentityExtractor().features(points)
    """

    id = "identity"

    def check_images(self, images):
        if images.ndim != 2:
            raise ValueError(f"the identity extractor takes [N, D] samples, got shape {images.shape}.")

    def _outputs(self, samples):
        return samples, None
