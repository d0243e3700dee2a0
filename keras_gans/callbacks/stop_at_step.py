import keras


class StopAtStep(keras.callbacks.Callback):
    """Stops ``fit`` once the generator has made ``steps`` updates.

    Args:
        steps: the generator step at which training stops.

    Example:
        >>> gan.fit(data.repeat(), epochs=10**9, callbacks=[StopAtStep(3000)])
    """

    def __init__(self, steps):
        super().__init__()
        self.steps = int(steps)

    def on_train_batch_end(self, batch, logs=None):
        if int(self.model.g_optimizer.iterations.numpy()) >= self.steps:
            self.model.stop_training = True
