import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class MinibatchStdDev(keras.layers.Layer):
    """Minibatch standard deviation (Karras et al. 2018, "Progressive Growing of GANs", sec. 3): the batch
    is split into groups of ``group_size`` consecutive samples; within each group the standard deviation
    of every feature at every position is averaged into one number, appended to each sample of the group
    as a constant extra feature map (NHWC) or feature. Identical samples give 0; diverse batches a
    positive value. The batch size must be divisible by the group size (as in the paper's
    implementation, which groups samples with a stride instead: consecutive groups stay within a
    replica's slice of the batch, so 1 and N replicas compute the same statistics).

    Args:
        group_size: samples per group (consecutive samples of the batch).
        epsilon: added to the variance.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[N, H, W, C]`` -> ``[N, H, W, C + 1]``.

    Example:
        >>> y = MinibatchStdDev(4)(x)
    """

    couples_samples = True

    def __init__(self, group_size=4, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.group_size, self.epsilon = int(group_size), float(epsilon)

    def call(self, x):
        shape = ops.shape(x)
        g = min(self.group_size, x.shape[0]) if x.shape[0] is not None else self.group_size
        grouped = ops.reshape(x, (-1, g, *x.shape[1:]))  # [N/G, G, ...]: group j holds samples jG .. jG + G - 1
        std = ops.sqrt(ops.var(ops.cast(grouped, "float32"), axis=1) + self.epsilon)  # [N/G, ...]
        stat = ops.mean(std, axis=tuple(range(1, len(x.shape))), keepdims=True)  # [N/G, 1, ...]
        stat = ops.repeat(stat, g, axis=0)  # one value per sample of the group
        stat = ops.tile(stat, (1, *shape[1:-1], 1))  # and position
        return ops.concatenate([x, ops.cast(stat, x.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + 1)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size, "epsilon": self.epsilon}
