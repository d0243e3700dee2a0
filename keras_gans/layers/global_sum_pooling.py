import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class GlobalSumPooling2D(keras.layers.Layer):
    """Sum over all positions of an NHWC map (the SNGAN / SAGAN ResNet discriminators pool by summing,
    Miyato et al. 2018, Table 4): [N, H, W, C] -> [N, C].

    Args:
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[N, H, W, C]`` -> ``[N, C]``, summed over positions.

    Example:
        >>> features = GlobalSumPooling2D()(x)
    """

    def call(self, x):
        return ops.sum(x, axis=(1, 2))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])
