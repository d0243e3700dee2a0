"""A small classifier of the data's own domain as feature extractor, for datasets too far from ImageNet
for Inception (MNIST, Fashion-MNIST): FID, KID and precision/recall on its penultimate ``features``
layer, IS and mode counting on its logits -- as TF-GAN's MNIST example and the GAN literature on MNIST
do (e.g. Lucic et al. 2018, "Are GANs Created Equal?", on MNIST with a LeNet-like network).
``tools/train_feature_extractor.py`` trains one; ``DomainClassifier(path)`` loads it."""

import hashlib
import os

import keras
import tensorflow as tf

from keras_gans.metrics.extractors.base import ExtractorUnavailable, FeatureExtractor

FEATURES = "features"


def build_classifier(input_shape=(28, 28, 1), num_classes=10, feature_dim=128, width=32):
    """Conv-BN-ReLU blocks (two at full, two at half, two at quarter resolution), global average
    pooling, a ``features`` dense layer (the embedding) and the logits."""
    inputs = keras.Input(input_shape)
    x = inputs
    for i, filters in enumerate([width, width, 2 * width, 2 * width, 4 * width, 4 * width]):
        x = keras.layers.Conv2D(filters, 3, strides=2 if i in (2, 4) else 1, padding="same", use_bias=False)(x)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.ReLU()(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dense(feature_dim, activation="relu", name=FEATURES)(x)
    x = keras.layers.Dropout(0.3)(x)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    return keras.Model(inputs, logits, name="domain_classifier")


def _file_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


class DomainClassifier(FeatureExtractor):
    """``DomainClassifier(path_or_model, resize="bilinear")``: a ``.keras`` classifier (or a Keras model)
    with a layer named ``features``. Images of another size are resized (``"bilinear"``), or cropped /
    padded about the centre (``"crop_or_pad"``: the inverse of the ``pad`` resize, e.g. MNIST at 32x32).
    Its ``id`` is the file's SHA-256 prefix, so statistics computed with other weights are refused.

    Args:
        path_or_model: a ``.keras`` classifier or a ``keras.Model``.
        resize: how images of another size are fitted to its input.

    Returns:
        ``features(images)`` -> ``[N, D]`` penultimate activations; ``logits(images)`` -> ``[N, classes]``.

    Example:
        >>> extractor = DomainClassifier(keras_gans.metrics.extractors.packaged.MNIST_CLASSIFIER)
    """

    def __init__(self, path_or_model, resize="bilinear"):
        if isinstance(path_or_model, keras.Model):
            model, self.id = path_or_model, f"domain:{path_or_model.name}"
        else:
            path = os.fspath(path_or_model)
            if not os.path.isfile(path):
                raise ExtractorUnavailable(
                    f"no classifier file {path!r}; train one with `python tools/train_feature_extractor.py "
                    f"--dataset DATA --out {path}`."
                )
            model, self.id = keras.models.load_model(path, compile=False), f"domain:{_file_digest(path)}"
        self.model = model
        self.resize = resize
        self.input_shape = tuple(model.input_shape[1:])
        self._both = keras.Model(model.inputs, [model.get_layer(FEATURES).output, model.outputs[0]])
        self._run = tf.function(lambda x: self._both(x, training=False), reduce_retracing=True)

    def check_images(self, images):
        super().check_images(images)
        if images.shape[-1] != self.input_shape[-1]:
            raise ValueError(
                f"the domain classifier takes {self.input_shape[-1]}-channel images, got {images.shape[-1]} "
                "(stacked MNIST: classify each channel, see stacked_mnist_modes)."
            )

    def _outputs(self, images):
        h, w = self.input_shape[:2]
        if tuple(images.shape[1:3]) != (h, w):
            if self.resize == "crop_or_pad":
                images = tf.image.resize_with_crop_or_pad(images, h, w)
            else:
                images = tf.image.resize(images, [h, w], method=self.resize)
        return self._run(images)
