import keras
import tensorflow as tf

from keras_gans.checks import ConfigError, as_float
from keras_gans.private_api import is_functional


class AuxiliaryClassifier:
    """ACGAN's auxiliary classifier (Odena et al. 2017, "Conditional Image Synthesis with Auxiliary Classifier
    GANs", sec. 3, eqs. 2-3): a class head on D's features, computed in the same pass as D's logit. D adds
    ``weight`` x the cross-entropy of the head on the real batch's labels (the choice of StudioGAN and of the
    TAC-GAN analysis, Gong et al. 2019: the fakes' classes are left out of D's term), G adds ``weight`` x the
    cross-entropy of the head on its fakes at the labels drawn for them, with any adversarial loss.

    The head is a dense layer on the input of D's last layer (``layer``, default ``"logit"``); its weights are
    D's (trained by D's optimizer, checkpointed as ``auxiliary_classifier``). D itself stays unconditional.
    ``judges="fake"`` makes D's term the head's cross-entropy on the fakes at their drawn labels instead (MGAN's
    classifier of which generator made a sample, ``keras_gans.models.Mixture``; ``classes`` its K).

    Args:
        gan: the conditional GAN (``num_classes``), whose discriminator is a functional model.
        weight: the weight of both cross-entropy terms (>= 0; 1 in the paper).
        layer: the name of D's layer whose input the head reads.
        classes: the head's outputs (default: the GAN's ``num_classes``).
        judges: whose labels D's term reads: ``"real"`` (ACGAN) or ``"fake"`` (MGAN).

    Example:
        >>> gan = keras_gans.zoo.load("acgan", num_classes=10)    # model.auxiliary_classifier={"weight": 1.0}
    """

    def __init__(self, gan, weight=1.0, layer="logit", classes=None, judges="real"):
        d = gan.discriminator
        if judges not in ("real", "fake"):
            raise ConfigError(f"the auxiliary classifier judges 'real' or 'fake' labels, got {judges!r}.")
        self.judges = judges
        if classes is None and not gan.conditional:
            raise ConfigError("model.auxiliary_classifier (ACGAN) classifies the data's classes: it needs a conditional "
                              "GAN (--set conditional=true, num_classes).")
        if not is_functional(d):
            raise ConfigError("model.auxiliary_classifier needs a functional discriminator (keras.Model(inputs, outputs)).")
        self.weight = as_float(weight, "model.auxiliary_classifier.weight", 0.0)
        features = d.get_layer(layer).input
        self.features_and_logit = keras.Model(d.inputs, [d.output, features], name="discriminator_and_features")
        self.head = keras.layers.Dense(int(classes or gan.num_classes), dtype="float32", name="auxiliary_classifier")
        self.head.build(tuple(features.shape))

    def __call__(self, x, training=True):
        """(D's logits, the head's class logits [N, num_classes]) of ``x`` in one pass of D."""
        logits, features = self.features_and_logit(x, training=training)
        return logits, self.head(tf.cast(features, tf.float32))

    def loss(self, class_logits, labels):
        """``weight`` x the per-example cross-entropy of ``class_logits`` at ``labels``."""
        return self.weight * tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.cast(labels, tf.int32),
                                                                             logits=tf.cast(class_logits, tf.float32))
