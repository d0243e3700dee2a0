"""The shapes of a subclassed image generator, which Keras cannot infer from layers."""


class GeneratorShapes:
    """Mixed into a subclassed ``keras.Model`` generator with ``latent_dim``, ``resolution`` and ``channels``:
    z [N, latent_dim] -> images [N, resolution, resolution, channels], as ``input_shape`` / ``output_shape``
    (read by the GAN, the export and the evaluation) and ``compute_output_shape``."""

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.resolution, self.resolution, self.channels)

    @property
    def input_shape(self):
        return (None, self.latent_dim)

    @property
    def output_shape(self):
        return (None, self.resolution, self.resolution, self.channels)
