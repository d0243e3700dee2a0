import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class MinibatchDiscrimination(keras.layers.Layer):
    """Minibatch discrimination (Salimans et al. 2016, "Improved Techniques for Training GANs", sec. 3.2):
    features f(x_i) in R^A are projected by a tensor T in R^{A x B x C} to rows M_i in R^{B x C};
    c_b(x_i, x_j) = exp(-||M_{i,b} - M_{j,b}||_L1) and o(x_i)_b = sum_j c_b(x_i, x_j) (j = i included).
    The output is [f(x_i), o(x_i)] (A + B features): the discriminator sees how close each sample is to
    the rest of its batch, so a collapsed batch of near-identical samples is easy to tell apart.

    The layer couples the samples of a batch (``couples_samples = True``): a GAN must not join real and
    fake samples in one call to a discriminator that holds it.

    Args:
        num_kernels: the number of kernels (features added).
        kernel_dim: each kernel's dimension.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[N, F]`` -> ``[N, F + num_kernels]``.

    Example:
        >>> y = MinibatchDiscrimination(50, 5)(features)
    """

    couples_samples = True

    def __init__(self, num_kernels=50, kernel_dim=5, **kwargs):
        super().__init__(**kwargs)
        self.num_kernels, self.kernel_dim = int(num_kernels), int(kernel_dim)

    def build(self, input_shape):
        self.t = self.add_weight(shape=(input_shape[-1], self.num_kernels * self.kernel_dim),
                                 initializer=keras.initializers.RandomNormal(0.0, 0.05), name="T")

    def call(self, x):
        m = ops.reshape(ops.matmul(x, self.t), (-1, self.num_kernels, self.kernel_dim))  # [N, B, C]
        l1 = ops.sum(ops.abs(m[:, None] - m[None, :]), axis=-1)  # [N, N, B]
        o = ops.sum(ops.exp(-l1), axis=1)  # [N, B]
        return ops.concatenate([x, ops.cast(o, x.dtype)], axis=-1)

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] + self.num_kernels)

    def get_config(self):
        return {**super().get_config(), "num_kernels": self.num_kernels, "kernel_dim": self.kernel_dim}
