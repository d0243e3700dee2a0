import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class ConditionalBatchNormalization(keras.layers.Layer):
    """Class-conditional batch normalization (de Vries et al. 2017; Dumoulin et al. 2017; Miyato & Koyama
    2018, used by SNGAN/BigGAN generators): batch normalization without its own affine transform, then
    y = (1 + gamma_c) * x_hat + beta_c with per-class gamma_c, beta_c from embeddings initialised to 0.
    The 1 + gamma offset makes the layer start as plain batch normalization (compare_gan#54 shipped
    gamma_c initialised to 0 without the offset, which zeroes every activation at the start).
    ``synchronized=True`` computes the batch statistics across replicas. Call with ``[x, labels]``.

    Args:
        num_classes: the number of classes (one gamma and beta each).
        momentum: of the moving statistics.
        epsilon: added to the variance.
        synchronized: use the global batch's statistics across replicas.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[x, labels]`` -> ``x`` normalised, scaled and shifted by its class's gamma and beta.

    Example:
        >>> y = ConditionalBatchNormalization(10)([x, labels])
    """

    def __init__(self, num_classes, momentum=0.99, epsilon=1e-3, synchronized=False, **kwargs):
        super().__init__(**kwargs)
        self.num_classes, self.momentum, self.epsilon = int(num_classes), float(momentum), float(epsilon)
        self.synchronized = bool(synchronized)

    def build(self, input_shape):
        x_shape, label_shape = input_shape
        c = x_shape[-1]
        self.norm = keras.layers.BatchNormalization(momentum=self.momentum, epsilon=self.epsilon, center=False,
                                                    scale=False, synchronized=self.synchronized, dtype=self.dtype_policy,
                                                    name="norm")
        self.norm.build(x_shape)
        self.gamma = keras.layers.Embedding(self.num_classes, c, embeddings_initializer="zeros", dtype=self.dtype_policy, name="gamma")
        self.beta = keras.layers.Embedding(self.num_classes, c, embeddings_initializer="zeros", dtype=self.dtype_policy, name="beta")
        self.gamma.build(label_shape)
        self.beta.build(label_shape)

    def call(self, inputs, training=None):
        x, labels = inputs
        x_hat = self.norm(x, training=training)
        labels = ops.reshape(ops.cast(labels, "int32"), (-1,))
        expand = (slice(None),) + (None,) * (len(x.shape) - 2) + (slice(None),)
        gamma = ops.cast(self.gamma(labels), x_hat.dtype)[expand]
        beta = ops.cast(self.beta(labels), x_hat.dtype)[expand]
        return (1.0 + gamma) * x_hat + beta

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes, "momentum": self.momentum,
                "epsilon": self.epsilon, "synchronized": self.synchronized}
