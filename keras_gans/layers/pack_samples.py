import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class PackSamples(keras.layers.Layer):
    """Packing (Lin et al. 2018, "PacGAN: The power of two samples in generative adversarial networks",
    sec. 3): ``size`` consecutive samples of the batch joined along the last axis into one input, so that the
    discriminator judges m samples at once and a batch of near-copies (mode collapse) is visible to it. Sample j
    of a pack fills channels (or features) ``j * C .. (j + 1) * C - 1``, the concatenation of the paper. Packs are
    made of consecutive samples, so they stay within a replica's slice of the batch and 1 and N replicas judge the
    same packs. The batch must be a multiple of ``size``.

    Args:
        size: samples per pack (m; 2 to 4 in the paper).
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[N, ..., C]`` -> ``[N / m, ..., m * C]``.

    Example:
        >>> packed = PackSamples(2)(images)   # [64, 28, 28, 1] -> [32, 28, 28, 2]
    """

    couples_samples = True

    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        self.size = int(size)
        if self.size < 1:
            raise ValueError(f"packing must be >= 1 samples per pack, got {size}.")

    def call(self, x):
        n = x.shape[0]
        if n is not None and n % self.size:
            raise ValueError(f"discriminator.packing={self.size} joins {self.size} samples per input, so the batch "
                             f"D sees ({n} samples on this replica) must be a multiple of {self.size}: choose a batch_size "
                             f"that is a multiple of {self.size} x the number of replicas.")
        rest = tuple(x.shape[1:])
        grouped = ops.reshape(x, (-1, self.size, *rest))  # [N/m, m, ..., C]
        if len(rest) > 1:
            order = (0, *range(2, len(rest) + 1), 1, len(rest) + 1)  # [N/m, ..., m, C]
            grouped = ops.transpose(grouped, order)
        return ops.reshape(grouped, (-1, *rest[:-1], self.size * rest[-1]))

    def compute_output_shape(self, input_shape):
        n = None if input_shape[0] is None else input_shape[0] // self.size
        return (n, *input_shape[1:-1], input_shape[-1] * self.size)

    def get_config(self):
        return {**super().get_config(), "size": self.size}
