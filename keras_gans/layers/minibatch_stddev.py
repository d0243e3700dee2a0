import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class MinibatchStdDev(keras.layers.Layer):
    """Minibatch standard deviation (Karras et al. 2018, "Progressive Growing of GANs", sec. 3): the batch
    is split into groups of ``group_size``; within each group the standard deviation of every feature at
    every position is averaged into one number, appended to each sample of the group as a constant extra
    feature map (NHWC) or feature. Identical samples give 0; diverse batches a positive value.
    The batch size must be divisible by the group size (as in the paper's implementation).
    """

    couples_samples = True

    def __init__(self, group_size=4, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.group_size, self.epsilon = int(group_size), float(epsilon)

    def call(self, x):
        shape = ops.shape(x)
        g = min(self.group_size, x.shape[0]) if x.shape[0] is not None else self.group_size
        grouped = ops.reshape(x, (g, -1, *x.shape[1:]))  # [G, N/G, ...]: member i of every group
        std = ops.sqrt(ops.var(ops.cast(grouped, "float32"), axis=0) + self.epsilon)  # [N/G, ...]
        stat = ops.mean(std, axis=tuple(range(1, len(x.shape))), keepdims=True)  # [N/G, 1, ...]
        stat = ops.tile(stat, (g, *shape[1:-1], 1))  # back to every sample and position
        return ops.concatenate([x, ops.cast(stat, x.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + 1)

    def get_config(self):
        return {**super().get_config(), "group_size": self.group_size, "epsilon": self.epsilon}
