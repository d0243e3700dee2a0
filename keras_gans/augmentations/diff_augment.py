import tensorflow as tf

from keras_gans.augmentations.base import InputTransform, register_transform
from keras_gans.distribute import global_uniform


def _randint(low, high, seed, batch):
    """Integers uniform in [low, high) per sample, [batch]."""
    u = global_uniform([batch, 1], seed)[:, 0]
    return tf.cast(tf.floor(u * float(high - low)), tf.int32) + low


def _brightness(x, seed):
    b = tf.shape(x)[0]
    return x + tf.cast(global_uniform([b, 1, 1, 1], seed) - 0.5, x.dtype)


def _saturation(x, seed):
    b = tf.shape(x)[0]
    mean = tf.reduce_mean(x, axis=3, keepdims=True)
    return (x - mean) * tf.cast(global_uniform([b, 1, 1, 1], seed) * 2.0, x.dtype) + mean


def _contrast(x, seed):
    b = tf.shape(x)[0]
    mean = tf.reduce_mean(x, axis=[1, 2, 3], keepdims=True)
    return (x - mean) * tf.cast(global_uniform([b, 1, 1, 1], seed) + 0.5, x.dtype) + mean


def _translation(x, seed, ratio=0.125):
    b, h, w = tf.shape(x)[0], x.shape[1], x.shape[2]
    sy, sx = int(h * ratio + 0.5), int(w * ratio + 0.5)
    dy, dx = _randint(-sy, sy + 1, seed, b), _randint(-sx, sx + 1, seed, b)
    ys = tf.range(h)[None, :] - dy[:, None]  # the source row of every output row, [B, H]
    xs = tf.range(w)[None, :] - dx[:, None]
    out = tf.gather(x, tf.clip_by_value(ys, 0, h - 1), axis=1, batch_dims=1)
    out = tf.gather(out, tf.clip_by_value(xs, 0, w - 1), axis=2, batch_dims=1)
    inside = tf.logical_and(ys >= 0, ys < h)[:, :, None] & tf.logical_and(xs >= 0, xs < w)[:, None, :]
    return out * tf.cast(inside, x.dtype)[..., None]  # zero padding, as the reference code


def _cutout(x, seed, ratio=0.5):
    b, h, w = tf.shape(x)[0], x.shape[1], x.shape[2]
    ch, cw = int(h * ratio + 0.5), int(w * ratio + 0.5)
    cy = _randint(0, h + (1 - ch % 2), seed, b)  # the square's centre (it may be partly outside)
    cx = _randint(0, w + (1 - cw % 2), seed, b)
    ys = tf.range(h)[None, :] - (cy[:, None] - ch // 2)
    xs = tf.range(w)[None, :] - (cx[:, None] - cw // 2)
    in_y = tf.logical_and(ys >= 0, ys < ch)[:, :, None]
    in_x = tf.logical_and(xs >= 0, xs < cw)[:, None, :]
    return x * tf.cast(tf.logical_not(in_y & in_x), x.dtype)[..., None]


POLICIES = {
    "color": (_brightness, _saturation, _contrast),
    "translation": (_translation,),
    "cutout": (_cutout,),
}


@register_transform("diff_augment")
class DiffAugment(InputTransform):
    """Differentiable augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient GAN
    Training", sec. 3 and its reference policies): the same random, differentiable transforms applied to
    real and generated images in both D's and G's updates, so D cannot memorise the training set while
    G still gets gradients through the augmentation. ``policy``: comma-separated ``color`` (brightness
    +-0.5, saturation x[0, 2], contrast x[0.5, 1.5]), ``translation`` (up to 1/8 of the size, zero
    padding) and ``cutout`` (a zeroed square of half the size). Images in [-1, 1], NHWC.

    Args:
        policy: comma-separated operations: color, translation, cutout.

    Returns:
        ``x`` transformed, the same shape and dtype.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"d_input_transforms.diff_augment.policy": "translation,cutout"})
    """

    def __init__(self, policy="color,translation,cutout"):
        self.policy = self.policy_names(policy, POLICIES)

    def __call__(self, x, step, seed):
        for name in self.policy.split(","):
            for fn in POLICIES.get(name, ()):
                x = fn(x, seed)
        return x
