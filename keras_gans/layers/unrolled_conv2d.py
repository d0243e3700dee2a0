import keras
import numpy as np
from keras import ops


def _positions(size, kernel, stride, padding):
    """Output size and, per (output, tap), the input index or -1 where the tap falls in padding."""
    if padding == "same":
        out = -(-size // stride)
        before = max((out - 1) * stride + kernel - size, 0) // 2
    else:
        out = (size - kernel) // stride + 1
        before = 0
    index = np.arange(out)[:, None] * stride + np.arange(kernel)[None, :] - before
    return out, np.where((index >= 0) & (index < size), index, -1)


@keras.saving.register_keras_serializable(package="keras_gans")
class UnrolledConv2D(keras.layers.Layer):
    """A 2-D convolution computed as one matrix product with the kernel unrolled into a
    (H*W*C_in, H_out*W_out*C_out) matrix (the convolution's Toeplitz form).

    Same parameters (kernel [k, k, C_in, C_out], bias) and same output as ``keras.layers.Conv2D`` with
    ``padding="same"`` or ``"valid"``. Its cost grows with (H*W) * (H_out*W_out), so it pays on small
    feature maps only, where it avoids the CPU convolution kernels' poor handling of tiny maps (the
    last 4x4 -> 2x2 layer of a WGAN-GP critic took ~700 ms of an 850 ms forward-backward pass as a
    Conv2D and a fraction as a matmul, on 2 AVX2 cores). ``networks.dcgan`` uses it for layers whose
    input map has at most k*k pixels.

    Args:
        filters: output channels.
        kernel_size: the kernel's size.
        strides: the stride.
        padding: ``"same"`` or ``"valid"``.
        use_bias: add a bias.
        kernel_initializer: the kernel's initializer.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        what ``keras.layers.Conv2D`` with the same weights gives.

    Example:
        >>> y = UnrolledConv2D(1, 4, padding="valid")(x)   # a 4x4 map to 1x1 as one matmul
    """

    def __init__(self, filters, kernel_size, strides=1, padding="same", use_bias=True, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        if padding not in ("same", "valid"):
            raise ValueError(f"padding must be 'same' or 'valid', got {padding!r}.")
        self.filters, self.kernel_size, self.strides = int(filters), int(kernel_size), int(strides)
        self.padding, self.use_bias = padding, bool(use_bias)
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        h, w, c = (int(d) for d in input_shape[1:])
        k = self.kernel_size
        self.kernel = self.add_weight(shape=(k, k, c, self.filters), initializer=self.kernel_initializer, name="kernel")
        self.bias = self.add_weight(shape=(self.filters,), initializer="zeros", name="bias") if self.use_bias else None
        ho, rows = _positions(h, k, self.strides, self.padding)
        wo, cols = _positions(w, k, self.strides, self.padding)
        # selection[i, o, t] = 1 where tap t of output o reads input pixel i
        selection = np.zeros((h * w, ho * wo, k * k), np.float32)
        for oy in range(ho):
            for ox in range(wo):
                for ty in range(k):
                    for tx in range(k):
                        iy, ix = rows[oy, ty], cols[ox, tx]
                        if iy >= 0 and ix >= 0:
                            selection[iy * w + ix, oy * wo + ox, ty * k + tx] = 1.0
        self._selection = selection
        self._shapes = (h * w * c, ho, wo)

    def call(self, x):
        rows, ho, wo = self._shapes
        k = self.kernel_size
        kernel = ops.reshape(ops.cast(self.kernel, self.compute_dtype), (k * k, -1, self.filters))
        selection = ops.cast(self._selection, self.compute_dtype)
        matrix = ops.reshape(ops.einsum("iot,tcd->icod", selection, kernel), (rows, ho * wo * self.filters))
        y = ops.reshape(ops.matmul(ops.reshape(x, (-1, rows)), matrix), (-1, ho, wo, self.filters))
        return y + ops.cast(self.bias, self.compute_dtype) if self.use_bias else y

    def compute_output_shape(self, input_shape):
        ho, wo = (_positions(int(s), self.kernel_size, self.strides, self.padding)[0] for s in input_shape[1:3])
        return (input_shape[0], ho, wo, self.filters)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "use_bias": self.use_bias,
            "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
        }
