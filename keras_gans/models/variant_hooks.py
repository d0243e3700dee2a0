"""What a GAN variant adds outside the step's math: the real batch D sees, checks of the data, state after a
restore, callbacks of a run, captions of the sample grids. ``GAN`` mixes these in as no-ops."""


class VariantHooks:
    """Hooks of ``GAN`` that a variant (``ProgressiveGAN``) overrides; each is a no-op (or a plain check) here."""

    def prepare_real(self, real):
        """The real batch as D sees it in this step (the blend of resolutions in progressive growing);
        ``real`` itself here."""
        return real

    def after_restore(self):
        """Called after a checkpoint was restored into the model (``RunCheckpoint.restore``): a variant
        re-derives Python-side state from the restored variables or refuses an incompatible checkpoint."""

    def run_callbacks(self, log_dir=None):
        """Callbacks a variant needs in a training run (``keras-gans train`` passes its TensorBoard folder)."""
        return []

    def sample_caption(self):
        """What the sample grids say besides the step (the stage and alpha of progressive growing)."""
        return ""

    def check_data_shape(self, batch_shape):
        """Data that does not fit D is a clear error, not a shape error deep in a conv (called at trace time)."""
        expected = tuple(self.discriminator_sample_shape)
        got = tuple(batch_shape[1:])
        if len(got) != len(expected) or any(e is not None and g is not None and e != g for e, g in zip(expected, got)):
            raise ValueError(
                f"The data gives samples of shape {got}, but the discriminator takes {expected}. Load the data "
                f"with image_size= / channels= (keras_gans.data.load) or build the GAN for this shape "
                f"(e.g. zoo.load(..., resolution=..., channels=...); CLI: --set resolution=N --set channels=C, and "
                f"no dataset.image_size of its own)."
            )
