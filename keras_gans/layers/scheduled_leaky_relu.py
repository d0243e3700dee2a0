import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class ScheduledLeakyReLU(keras.layers.Layer):
    """LeakyReLU (Maas et al. 2013) whose negative slope decays during training: a large slope early keeps
    both networks nearly linear while the players are far from equilibrium (a leakier D gives G gradient
    everywhere, no dead units), then it saturates towards the usual value (0.2 in DCGAN's D, Radford et
    al. 2016): alpha(t) = end + (start - end) exp(-t / tau), t the training step, tau = ``decay_steps``.
    The slope lives in a non-trainable weight that ``GAN.train_step`` sets from G's step counter
    (``set_step``); at inference it keeps its last value.

    Args:
        start: the slope at step 0.
        end: the slope after ``decay_steps``.
        decay_steps: steps of the linear schedule.
        dtype: the layer's dtype policy.
        name: the layer's name.
        **kwargs: ``keras.layers.Layer``'s parameters.

    Returns:
        LeakyReLU of ``x`` at the scheduled slope.

    Example:
        >>> y = ScheduledLeakyReLU(0.5, 0.2, 1000)(x)
    """

    def __init__(self, start=0.5, end=0.2, decay_steps=1000, dtype=None, name=None, **kwargs):
        super().__init__(dtype=dtype, name=name, **kwargs)
        if decay_steps <= 0:
            raise ValueError(f"decay_steps must be > 0, got {decay_steps}.")
        self.start, self.end, self.decay_steps = float(start), float(end), float(decay_steps)

    def build(self, input_shape):
        self.slope = self.add_weight(shape=(), initializer=keras.initializers.Constant(self.start), trainable=False,
                                     name="negative_slope", aggregation="only_first_replica")

    def slope_at(self, step):
        return self.end + (self.start - self.end) * ops.exp(-ops.cast(step, "float32") / self.decay_steps)

    def set_step(self, step):
        self.slope.assign(self.slope_at(step))

    def call(self, x):
        return ops.where(x >= 0, x, x * ops.cast(self.slope, x.dtype))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "start": self.start, "end": self.end, "decay_steps": self.decay_steps}
