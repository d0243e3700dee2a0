import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class ClassProjection(keras.layers.Layer):
    """The projection discriminator's class term (Miyato & Koyama 2018, "cGANs with Projection
    Discriminator", eq. 3: f(x, y) = psi(phi(x)) + y^T V phi(x)): the inner product of a learned embedding
    of the class, V[y], with D's features phi(x). Added to D's unconditional logit psi(phi(x)).

    Args:
        num_classes: the number of classes (one row of V each).
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[features [B, F], labels [B]]`` -> ``[B, 1]``: ``sum(V[labels] * features, -1)``.

    Example:
        >>> logit = logit + ClassProjection(10)([features, labels])
    """

    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = int(num_classes)

    def build(self, input_shape):
        features, _ = input_shape
        self.embedding = self.add_weight(shape=(self.num_classes, features[-1]), name="embedding",
                                         initializer=keras.initializers.GlorotUniform())

    def call(self, inputs):
        features, labels = inputs
        rows = ops.take(ops.cast(self.embedding, features.dtype), ops.reshape(ops.cast(labels, "int32"), (-1,)), axis=0)
        return ops.sum(rows * features, axis=-1, keepdims=True)

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], 1)

    def get_config(self):
        return {**super().get_config(), "num_classes": self.num_classes}
