import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class VirtualBatchNormalization(keras.layers.Layer):
    """Virtual batch normalization (Salimans et al. 2016, "Improved Techniques for Training GANs",
    sec. 3.4): each example x is normalised with statistics of a reference batch, chosen once and fixed,
    combined with x itself -- never with the other examples of its batch, so an example's output does
    not depend on its batch-mates.

    The first ``reference_size`` rows of every input are the reference batch (prepend it: the network
    runs it with the current weights, as in the paper). Per channel, with R = reference_size,
    mu_i = (R * mu_ref + mu(x_i)) / (R + 1) and nu_i = (R * nu_ref + nu(x_i)) / (R + 1) for the means of
    x and x^2 over the positions, var_i = nu_i - mu_i^2, and y_i = gamma (x_i - mu_i) / sqrt(var_i + eps)
    + beta. The reference rows are normalised the same way.

    Args:
        reference_size: the rows of the reference batch at the front of each input.
        epsilon: added to the variance.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``x`` normalised with the statistics of the reference rows and each sample.

    Example:
        >>> y = VirtualBatchNormalization(16)(x)
    """

    def __init__(self, reference_size, epsilon=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.reference_size, self.epsilon = int(reference_size), float(epsilon)

    def build(self, input_shape):
        c = input_shape[-1]
        self.gamma = self.add_weight(shape=(c,), initializer="ones", name="gamma")
        self.beta = self.add_weight(shape=(c,), initializer="zeros", name="beta")

    def call(self, x):
        x32 = ops.cast(x, "float32")
        axes = tuple(range(1, len(x.shape) - 1))  # positions of one example
        mean = ops.mean(x32, axis=axes, keepdims=True) if axes else x32
        mean_sq = ops.mean(ops.square(x32), axis=axes, keepdims=True) if axes else ops.square(x32)
        r = self.reference_size
        ref_mean = ops.mean(mean[:r], axis=0, keepdims=True)
        ref_mean_sq = ops.mean(mean_sq[:r], axis=0, keepdims=True)
        mu = (r * ref_mean + mean) / (r + 1.0)
        var = (r * ref_mean_sq + mean_sq) / (r + 1.0) - ops.square(mu)
        gamma, beta = ops.cast(self.gamma, "float32"), ops.cast(self.beta, "float32")  # read in compute dtype otherwise
        y = (x32 - mu) * ops.rsqrt(ops.maximum(var, 0.0) + self.epsilon) * gamma + beta
        return ops.cast(y, x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "reference_size": self.reference_size, "epsilon": self.epsilon}
