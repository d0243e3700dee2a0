import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class NoiseInjection(keras.layers.Layer):
    """Per-pixel noise (Karras et al. 2019, StyleGAN, sec. 2, "B" in fig. 1): one N(0, 1) value per
    position, shared by all channels, added with a learned per-channel scale initialised to 0. The
    noise is drawn from the layer's ``SeedGenerator`` for the global batch and sliced per replica (so 1 and
    N replicas add the same noise), or given as a second input (fixed noise for reproducible samples).

    Args:
        seed: seed of the noise.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``x`` plus per-pixel noise times a learned per-channel scale.

    Example:
        >>> y = NoiseInjection(seed=0)(x)
    """

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape):
        shape = input_shape[0] if isinstance(input_shape, (list, tuple)) and isinstance(input_shape[0], (list, tuple)) else input_shape
        self.noise_scale = self.add_weight(shape=(shape[-1],), initializer="zeros", name="noise_scale")

    def call(self, inputs):
        if isinstance(inputs, (list, tuple)):
            x, noise = inputs
        else:
            x = inputs
            from keras_gans.distribute import global_normal

            shape = ops.shape(x)
            noise = global_normal((shape[0], shape[1], shape[2], 1), self.seed_generator)
        return x + ops.cast(noise, x.dtype) * ops.cast(self.noise_scale, x.dtype)

    def compute_output_shape(self, input_shape):
        return input_shape[0] if isinstance(input_shape, (list, tuple)) and isinstance(input_shape[0], (list, tuple)) else input_shape

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}
