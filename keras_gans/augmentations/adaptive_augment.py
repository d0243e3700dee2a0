import keras
import tensorflow as tf

from keras_gans.augmentations.base import InputTransform, register_transform
from keras_gans.augmentations.diff_augment import POLICIES
from keras_gans.distribute import cross_replica_sum, global_uniform


@register_transform("adaptive_augment")
class AdaptiveAugment(InputTransform):
    """Adaptive discriminator augmentation (Karras et al. 2020, "Training Generative Adversarial Networks
    with Limited Data", sec. 3): every group of the differentiable augmentations (``policy``, as
    DiffAugment) is applied to each sample with probability p, and p follows D's overfitting heuristic
    r_t = E[sign(D(real))] (sec. 3): every ``interval`` D updates, p moves by
    sign(r_t - ``target``) * (images seen in the interval) / ``speed_images`` (the paper: target 0.6,
    p can go from 0 to 1 in 500k images), clipped to [0, 1]. The expectation is over the global batch.
    ``p`` is logged as the variable ``self.p``.

    Args:
        policy: comma-separated operations: color, translation, cutout.
        target: the r_t = E[sign(D(real))] that p is tuned towards, in [-1, 1].
        interval: D updates between adjustments of p.
        speed_images: images over which p can move by 1 (> 0).
        initial_p: the augmentation probability at the start, in [0, 1].

    Returns:
        ``x`` transformed, the same shape and dtype.

    Example:
        >>> gan = keras_gans.zoo.load("dcgan_ema", **{"d_input_transforms.adaptive_augment.target": 0.6})
    """

    def __init__(self, policy="color,translation,cutout", target=0.6, interval=4, speed_images=500_000, initial_p=0.0):
        self.policy = self.policy_names(policy, POLICIES)
        self.target = self.number(target, "target", -1.0, 1.0)  # r_t lies in [-1, 1]
        self.interval = self.whole(interval, "interval", 1)
        self.speed_images = self.number(speed_images, "speed_images", low=0.0, low_open=True)
        self.initial_p = self.number(initial_p, "initial_p", 0.0, 1.0)

    def build(self, gan):
        state = dict(trainable=False, aggregation="only_first_replica")
        self.p = keras.Variable(self.initial_p, name="ada_p", **state)
        self.sign_sum = keras.Variable(0.0, name="ada_sign_sum", **state)
        self.seen = keras.Variable(0.0, name="ada_seen", **state)
        self.updates = keras.Variable(0, dtype="int32", name="ada_updates", **state)

    def state(self):
        return [self.p, self.sign_sum, self.seen, self.updates]

    def __call__(self, x, step, seed):
        b = tf.shape(x)[0]
        mask_shape = [-1] + [1] * (len(x.shape) - 1)
        for name in self.policy.split(","):
            apply = tf.reshape(global_uniform([b], seed) < self.p, mask_shape)
            augmented = x
            for fn in POLICIES[name]:
                augmented = fn(augmented, seed)
            x = tf.where(apply, augmented, x)
        return x

    def observe(self, real_logits):
        logits = tf.cast(tf.reshape(real_logits, [-1]), tf.float32)
        sign_sum = self.sign_sum + cross_replica_sum(tf.reduce_sum(tf.sign(logits)))
        seen = self.seen + cross_replica_sum(tf.cast(tf.size(logits), tf.float32))
        updates = self.updates + 1
        adjust = tf.equal(tf.math.floormod(updates, self.interval), 0)
        r_t = sign_sum / tf.maximum(seen, 1.0)
        moved = tf.clip_by_value(self.p + tf.sign(r_t - self.target) * seen / self.speed_images, 0.0, 1.0)
        self.p.assign(tf.where(adjust, moved, self.p))
        self.sign_sum.assign(tf.where(adjust, 0.0, sign_sum))
        self.seen.assign(tf.where(adjust, 0.0, seen))
        self.updates.assign(updates)
