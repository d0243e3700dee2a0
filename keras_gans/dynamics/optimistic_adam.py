import keras
from keras import ops


@keras.saving.register_keras_serializable(package="keras_gans")
class OptimisticAdam(keras.optimizers.Optimizer):
    """Optimistic Adam (Daskalakis et al. 2018, Algorithm 1): Adam's moment estimates, with the optimistic
    step w_{t+1} = w_t - 2 lr m_t / (sqrt(v_t) + eps) + lr m_{t-1} / (sqrt(v_{t-1}) + eps), i.e. the Adam
    direction of this step counted twice minus that of the previous step (bias-corrected moments).

    Args:
        learning_rate: the step size.
        beta_1: the first moment's decay.
        beta_2: the second moment's decay.
        epsilon: added to the second moment's root.
        name: the optimizer's name.
        **kwargs: ``keras.optimizers.Optimizer``'s parameters (clipping, weight decay).

    Example:
        >>> gan = keras_gans.zoo.load("wgan_gp", **{"optimizers.g.name": "optimistic_adam"})
    """

    def __init__(self, learning_rate=2e-4, beta_1=0.5, beta_2=0.9, epsilon=1e-8, name="optimistic_adam", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._m = [self.add_variable_from_reference(v, "m") for v in variables]
        self._v = [self.add_variable_from_reference(v, "v") for v in variables]
        self._previous = [self.add_variable_from_reference(v, "previous_direction") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        i = self._get_variable_index(variable)
        lr = ops.cast(learning_rate, variable.dtype)
        g = ops.cast(gradient, variable.dtype)
        t = ops.cast(self.iterations + 1, variable.dtype)
        m, v, previous = self._m[i], self._v[i], self._previous[i]
        self.assign(m, self.beta_1 * m + (1.0 - self.beta_1) * g)
        self.assign(v, self.beta_2 * v + (1.0 - self.beta_2) * ops.square(g))
        m_hat = m / (1.0 - ops.power(self.beta_1, t))
        v_hat = v / (1.0 - ops.power(self.beta_2, t))
        direction = m_hat / (ops.sqrt(v_hat) + self.epsilon)
        self.assign_sub(variable, lr * (2.0 * direction - previous))
        self.assign(previous, direction)

    def get_config(self):
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon}
