import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class OptimisticSGD(keras.optimizers.Optimizer):
    """Optimistic gradient descent (Daskalakis et al. 2018, "Training GANs with Optimism", eq. 5):
    w_{t+1} = w_t - 2 lr g_t + lr g_{t-1}, i.e. a gradient step plus a correction by the change of the
    gradient, which anticipates the opponent's move. Converges on the bilinear game.

    Args:
        learning_rate: the step size.
        name: the optimizer's name.
        **kwargs: ``keras.optimizers.Optimizer``'s parameters.

    Example:
        >>> optimizer = OptimisticSGD(0.2)
    """

    def __init__(self, learning_rate=0.01, name="optimistic_sgd", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._previous = [self.add_variable_from_reference(v, "previous_gradient") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        previous = self._previous[self._get_variable_index(variable)]
        self.assign_sub(variable, lr * (2.0 * g - previous))
        self.assign(previous, g)
