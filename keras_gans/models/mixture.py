import numpy as np

from keras_gans.checks import ConfigError, as_float, as_int
from keras_gans.models.auxiliary_classifier import AuxiliaryClassifier
from keras_gans.models.conditioning import takes_labels
from keras_gans.models.label_sampler import LabelSampler


class Mixture:
    """MGAN's objective (Hoang et al. 2018, "MGAN: Training Generative Adversarial Nets with Multiple Generators",
    ICLR, sec. 3, eq. 2): K generators (``keras_gans.networks.mixture``: all layers shared but their first, or
    their last) of which each fake comes from one drawn uniformly; a K-way classifier head on D's features (an
    ``AuxiliaryClassifier`` judging the fakes) tells which generator made it. D adds ``beta`` x the classifier's
    cross-entropy on the fakes, G adds the same term: each generator is pulled towards samples the classifier can
    tell apart from the other generators', so the generators split the modes between them, while D's usual loss
    keeps the mixture on the data.

    Args:
        gan: the GAN, whose generator is a mixture generator ``[z, k] -> x``.
        generators: K (>= 2).
        beta: the weight of the classifier's cross-entropy (>= 0; the paper's beta).
        shared: ``"all_but_first"`` or ``"all_but_last"`` (what the zoo builds the generator with).
        layer: the name of D's layer whose input the classifier head reads.

    Example:
        >>> gan = keras_gans.zoo.load("gaussian_ring_mgan")   # model.mixture={"generators": 8, "beta": 0.125}
        >>> samples = gan.generate(256, generator=3)
    """

    def __init__(self, gan, generators, beta=1.0, shared="all_but_first", layer="logit"):
        self.generators = as_int(generators, "model.mixture.generators", 2)
        self.beta = as_float(beta, "model.mixture.beta", 0.0)
        self.shared = shared
        if gan.conditional:
            raise ConfigError("model.mixture and class conditioning cannot be combined: both drive the generator's "
                              "second input.")
        if not takes_labels(gan.generator):
            raise ConfigError("model.mixture needs a mixture generator [z, k] -> x (keras_gans.networks.mixture_generator; "
                              "the zoo builds it from model.mixture).")
        self.sampler = LabelSampler(self.generators)
        self.classifier = AuxiliaryClassifier(gan, weight=self.beta, layer=layer, classes=self.generators, judges="fake")

    def indices_for(self, n, generator=None, seed=None):
        """The generator of each of ``n`` samples: ``generator`` (one index for all, or one per sample), or drawn
        uniformly (NumPy, seeded by ``seed``)."""
        if generator is None:
            return np.random.default_rng(None if seed is None else seed + 1).integers(0, self.generators, n).astype(np.int32)
        k = np.asarray(generator)
        k = np.full(n, k) if k.ndim == 0 else k
        if k.shape != (n,) or not np.issubdtype(k.dtype, np.integer) or (k < 0).any() or (k >= self.generators).any():
            raise ValueError(f"generator must be an index in 0..{self.generators - 1} (or one per sample), got {generator!r}.")
        return k.astype(np.int32)
