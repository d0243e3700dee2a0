"""The seam of transforms applied to everything the discriminator sees (real and generated samples,
in D's and in G's updates): instance noise, differentiable augmentation. Each is a serializable callable
``t(x, step, seed) -> x`` registered by name; random draws are made for the global batch and sliced per
replica, so training is the same on 1 and N replicas."""

from keras_gans.registry import Registry

D_INPUT_TRANSFORMS = Registry("discriminator input transform")


class InputTransform:
    name = None

    def __call__(self, x, step, seed):
        raise NotImplementedError

    def build(self, gan):
        """Create any state (in the strategy's scope; ``GAN.compile`` calls it)."""

    def state(self):
        """Variables that checkpoints keep."""
        return []

    def observe(self, real_logits):
        """Sees D's logits on the (transformed) real batch of every D update; adaptive transforms use it."""

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def register_transform(name):
    return D_INPUT_TRANSFORMS.register_class(name)


def get_transform(identifier):
    return D_INPUT_TRANSFORMS.instantiate(identifier, InputTransform)
