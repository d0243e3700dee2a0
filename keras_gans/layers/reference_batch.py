import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class ReferenceBatch(keras.layers.Layer):
    """Prepends a fixed reference batch to a generator's latents, for ``VirtualBatchNormalization``
    (Salimans et al. 2016, sec. 3.4: the reference batch is chosen once at the start of training and run
    through the network with the current weights at every step).

    ``size`` latent rows are drawn once from N(0, 1) with ``seed`` and kept as a non-trainable weight (so
    checkpoints and exports carry them); ``call(z)`` returns ``[size + batch, d]`` with the reference rows
    first. The same layer with ``drop=True`` removes the ``size`` reference rows from the network's output.

    Args:
        size: reference rows.
        seed: seed of the reference latents.
        drop: remove the reference rows instead of adding them.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``[size + N, d]`` with the reference rows first (or ``[N, ...]`` with ``drop``).

    Example:
        >>> z_and_reference = ReferenceBatch(16)(z)
    """

    def __init__(self, size, seed=0, drop=False, **kwargs):
        super().__init__(**kwargs)
        self.size, self.seed, self.drop = int(size), int(seed), bool(drop)
        if self.size < 1:
            raise ValueError(f"the reference batch needs >= 1 row, got {size}.")

    def build(self, input_shape):
        if self.drop:
            return
        self.reference = self.add_weight(
            shape=(self.size, input_shape[-1]), initializer=keras.initializers.RandomNormal(0.0, 1.0, seed=self.seed),
            trainable=False, name="reference_latents",
        )

    def call(self, z):
        if self.drop:
            return z[self.size:]
        return ops.concatenate([ops.cast(self.reference, z.dtype), z], axis=0)

    def compute_output_shape(self, input_shape):
        batch = None if input_shape[0] is None else input_shape[0] + (-self.size if self.drop else self.size)
        return (batch, *input_shape[1:])

    def get_config(self):
        return {**super().get_config(), "size": self.size, "seed": self.seed, "drop": self.drop}
