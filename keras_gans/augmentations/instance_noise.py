import tensorflow as tf

from keras_gans.augmentations.base import InputTransform, register_transform
from keras_gans.distribute import global_normal


@register_transform("instance_noise")
class InstanceNoise(InputTransform):
    """Instance noise (Sonderby et al. 2017, "Amortised MAP Inference for Image Super-resolution",
    sec. 3.2; Arjovsky & Bottou 2017, sec. 3.1): Gaussian noise of std sigma_t added to real and
    generated samples before D, so the two distributions overlap and D's gradients stay informative.
    sigma_t anneals linearly from ``sigma`` to 0 over ``anneal_steps`` D steps (constant if 0).

    Args:
        sigma: the noise's standard deviation at the start (>= 0).
        anneal_steps: D steps over which sigma falls linearly to 0 (0: constant).

    Returns:
        ``x`` transformed, the same shape and dtype.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan", **{"d_input_transforms.instance_noise": {"sigma": 0.1, "anneal_steps": 5000}})
    """

    def __init__(self, sigma=0.1, anneal_steps=0):
        self.sigma = self.number(sigma, "sigma", low=0.0)
        self.anneal_steps = self.whole(anneal_steps, "anneal_steps", 0)

    def sigma_at(self, step):
        step = tf.cast(step, tf.float32)
        if self.anneal_steps <= 0:
            return tf.constant(self.sigma, tf.float32)
        return self.sigma * tf.maximum(0.0, 1.0 - step / float(self.anneal_steps))

    def __call__(self, x, step, seed):
        noise = global_normal(tf.shape(x), seed)
        return x + tf.cast(self.sigma_at(step) * noise, x.dtype)
