import keras
from keras import ops


def _dense(layer, x, kernel):
    return ops.matmul(x, kernel)


def _conv(layer, x, kernel):
    return ops.conv(x, kernel, strides=layer.strides, padding=layer.padding, data_format=layer.data_format,
                    dilation_rate=layer.dilation_rate)


def _conv_transpose(layer, x, kernel):
    return ops.conv_transpose(x, kernel, strides=layer.strides, padding=layer.padding,
                              output_padding=layer.output_padding, data_format=layer.data_format,
                              dilation_rate=layer.dilation_rate)


def _embedding(layer, x, kernel):
    return ops.take(kernel, ops.cast(x, "int32"), axis=0)


# how each supported layer applies a (normalised) kernel; bias and activation are added after
FORWARD = {
    keras.layers.Dense: (_dense, "kernel"),
    keras.layers.Conv2D: (_conv, "kernel"),
    keras.layers.Conv2DTranspose: (_conv_transpose, "kernel"),
    keras.layers.Embedding: (_embedding, "embeddings"),
}


def _l2_normalize(x, eps):
    return x / ops.sqrt(ops.sum(ops.square(x)) + eps)


@keras.saving.register_keras_serializable(package="keras_gans")
class SpectralNormalization(keras.layers.Wrapper):
    """Spectral normalization (Miyato et al. 2018, "Spectral Normalization for GANs", eq. 8 and
    Algorithm 1): the wrapped layer computes with W_SN = W / sigma(W), sigma(W) the largest singular value
    of the kernel reshaped to a matrix [-1, out], estimated by power iteration with a persistent vector u.

    - u (non-trainable, one per layer) advances by ``power_iterations`` steps on each call with
      ``training=True`` and stays put otherwise; the same estimate is used in both modes, so a model
      evaluates as it trains.
    - Gradients flow through sigma = u^T W v (u, v held constant, as in the paper's Algorithm 1), i.e.
      d sigma / dW = u v^T, the gradient of the top singular value once u has converged.
    - The kernel variable is never written: the normalised kernel exists only inside the forward pass.
      (``keras.layers.SpectralNormalization`` instead assigns W / sigma into the kernel on every training
      call, so the optimizer updates an already normalised matrix and the raw W is lost, and it does not
      normalise at all unless ``training=True`` is passed explicitly.)
    - Under ``tf.distribute`` u is updated identically on every replica (it depends on W only) and
      aggregated ``only_first_replica``; under mixed precision sigma is computed in float32.

    Wraps ``Dense``, ``Conv2D``, ``Conv2DTranspose`` and ``Embedding``.

    Args:
        layer: the wrapped layer (one with a ``kernel``).
        power_iterations: power iterations per training call.
        epsilon: added to norms.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        the wrapped layer's output with its kernel divided by its largest singular value.

    Example:
        >>> conv = SpectralNormalization(keras.layers.Conv2D(64, 3))
    """

    def __init__(self, layer, power_iterations=1, epsilon=1e-12, **kwargs):
        kwargs.setdefault("autocast", False)  # read the kernel in float32; inputs are cast below
        super().__init__(layer, **kwargs)
        if type(layer) not in FORWARD:
            supported = ", ".join(t.__name__ for t in FORWARD)
            raise TypeError(f"SpectralNormalization wraps {supported}; got {type(layer).__name__}.")
        self.power_iterations, self.epsilon = int(power_iterations), float(epsilon)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        self._forward, attr = FORWARD[type(self.layer)]
        self.kernel = getattr(self.layer, attr)
        out = self.kernel.shape[-1]
        self.u = self.add_weight(shape=(1, out), initializer=keras.initializers.RandomNormal(0.0, 1.0), trainable=False,
                                 name="u", aggregation="only_first_replica")
        self.built = True

    def _matrix(self):
        kernel = ops.convert_to_tensor(self.kernel)
        return ops.reshape(kernel, (-1, kernel.shape[-1]))

    def sigma_and_u(self):
        """(sigma estimate, advanced u) for the current kernel, without changing any state."""
        w = self._matrix()
        u = ops.convert_to_tensor(self.u)
        for _ in range(max(self.power_iterations, 1)):
            v = _l2_normalize(ops.matmul(u, ops.transpose(w)), self.epsilon)
            u = _l2_normalize(ops.matmul(v, w), self.epsilon)
        u, v = ops.stop_gradient(u), ops.stop_gradient(v)
        return ops.sum(ops.matmul(v, w) * u), u

    def normalized_kernel(self):
        sigma, _ = self.sigma_and_u()
        return ops.convert_to_tensor(self.kernel) / sigma

    def call(self, inputs, training=None):
        sigma, u = self.sigma_and_u()
        if training and self.power_iterations > 0:
            self.u.assign(u)
        dtype = self.compute_dtype
        kernel = ops.cast(ops.convert_to_tensor(self.kernel) / sigma, dtype)
        x = inputs if isinstance(self.layer, keras.layers.Embedding) else ops.cast(inputs, dtype)
        y = self._forward(self.layer, x, kernel)
        if getattr(self.layer, "use_bias", False):
            bias = ops.cast(self.layer.bias, dtype)
            y = y + (ops.reshape(bias, (1, -1, 1, 1)) if getattr(self.layer, "data_format", None) == "channels_first" else bias)
        activation = getattr(self.layer, "activation", None)
        return activation(y) if activation is not None else y

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        return {**super().get_config(), "power_iterations": self.power_iterations, "epsilon": self.epsilon}
