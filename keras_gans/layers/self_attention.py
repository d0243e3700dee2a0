import keras
from keras import ops

from keras_gans.layers.spectral_normalization import SpectralNormalization


@keras.saving.register_keras_serializable(package="keras_gans")
class SelfAttention(keras.layers.Layer):
    """Self-attention over feature-map positions (Zhang et al. 2019, "Self-Attention GANs", sec. 3,
    eq. 1-3): query f(x), key g(x) and value h(x) are 1x1 convolutions (C/8, C/8 and C/2 channels);
    beta_{j,i} = softmax_i(f(x_j)^T g(x_i)); o = v(sum_i beta_{j,i} h(x_i)) with a 1x1 convolution v back
    to C channels; y = gamma * o + x with a learned scalar gamma initialised to 0, so the layer starts as
    the identity and learns to use non-local evidence gradually.

    ``pool_keys=True`` max-pools keys and values 2x2 (4x fewer positions to attend to, as in the SAGAN
    and BigGAN reference code); ``spectral_norm=True`` wraps the four convolutions (SAGAN uses spectral
    norm in G and D).

    Args:
        spectral_norm: wrap the four convolutions in spectral normalisation.
        pool_keys: max-pool keys and values 2x2.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        ``x`` plus gamma times the attention output, the same shape.

    Example:
        >>> y = SelfAttention(spectral_norm=True)(x)
    """

    def __init__(self, spectral_norm=False, pool_keys=True, **kwargs):
        super().__init__(**kwargs)
        self.spectral_norm, self.pool_keys = bool(spectral_norm), bool(pool_keys)

    def _conv(self, filters, name):
        # the block's dtype policy (mixed_bfloat16: bf16 compute) for its convolutions too
        conv = keras.layers.Conv2D(filters, 1, use_bias=False, dtype=self.dtype_policy, name=name)
        return SpectralNormalization(conv, dtype=self.dtype_policy, name=f"sn_{name}") if self.spectral_norm else conv

    def build(self, input_shape):
        c = input_shape[-1]
        self.query, self.key = self._conv(max(c // 8, 1), "query"), self._conv(max(c // 8, 1), "key")
        self.value, self.out = self._conv(max(c // 2, 1), "value"), self._conv(c, "out")
        self.query.build(input_shape)
        self.key.build(input_shape)
        self.value.build(input_shape)
        self.out.build((*input_shape[:-1], max(c // 2, 1)))
        self.gamma = self.add_weight(shape=(), initializer="zeros", name="gamma")

    def _keys_values(self, x, training):
        k, v = self.key(x, training=training), self.value(x, training=training)
        if self.pool_keys:
            k, v = ops.max_pool(k, 2, 2), ops.max_pool(v, 2, 2)
        flat = lambda t: ops.reshape(t, (ops.shape(t)[0], -1, t.shape[-1]))  # noqa: E731
        return flat(k), flat(v)

    def attention(self, x, training=None):
        """The attention map [N, positions, attended positions]; every row sums to 1."""
        q = self.query(x, training=training)
        q = ops.reshape(q, (ops.shape(q)[0], -1, q.shape[-1]))
        k, _ = self._keys_values(x, training)
        logits = ops.matmul(ops.cast(q, "float32"), ops.transpose(ops.cast(k, "float32"), (0, 2, 1)))
        return ops.softmax(logits, axis=-1)

    def call(self, x, training=None):
        beta = self.attention(x, training)
        _, v = self._keys_values(x, training)
        o = ops.matmul(ops.cast(beta, v.dtype), v)
        shape = ops.shape(x)
        o = self.out(ops.reshape(o, (shape[0], shape[1], shape[2], v.shape[-1])), training=training)
        return x + ops.cast(self.gamma, x.dtype) * o

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "spectral_norm": self.spectral_norm, "pool_keys": self.pool_keys}
