import os

import keras
import numpy as np
import tensorflow as tf

from keras_gans.metrics.extractors.base import ExtractorUnavailable


class ImageClassifier:
    """A classifier of the user's own data for ``accuracy`` (``keras-gans eval --classifier FILE.keras``): any
    Keras model from images in [-1, 1] to class logits ``[N, num_classes]``, class ``i`` being the data's
    label ``i``. Images are resized to its input size (``resize``: a ``tf.image.resize`` method).

    Args:
        path_or_model: a ``.keras`` file or a ``keras.Model``.
        resize: how images of another size are brought to the model's input size.
        batch_size: images per call.

    Returns:
        ``logits(images)`` -> float32 numpy ``[N, num_classes]``.

    Example:
        >>> ImageClassifier("my_classifier.keras").logits(gan.generate(100, labels=3))
    """

    def __init__(self, path_or_model, resize="bilinear", batch_size=500):
        if isinstance(path_or_model, keras.Model):
            self.model = path_or_model
        else:
            path = os.fspath(path_or_model)
            if not os.path.isfile(path):
                raise ExtractorUnavailable(f"no classifier file {path!r}: give a .keras model from images in [-1, 1] to "
                                           "class logits (class i = the data's label i).")
            self.model = keras.models.load_model(path, compile=False)
        self.input_shape = tuple(self.model.input_shape[1:])
        self.resize, self.batch_size = resize, int(batch_size)
        self._run = tf.function(lambda x: self.model(x, training=False), reduce_retracing=True)

    def logits(self, images):
        images = np.asarray(images, np.float32)
        if images.ndim != 4 or images.shape[-1] != self.input_shape[-1]:
            raise ValueError(f"the classifier takes images [N, H, W, {self.input_shape[-1]}], got {images.shape}.")
        h, w = self.input_shape[:2]
        out = []
        for i in range(0, len(images), self.batch_size):
            x = tf.constant(images[i : i + self.batch_size])
            if tuple(x.shape[1:3]) != (h, w):
                x = tf.image.resize(x, [h, w], method=self.resize)
            out.append(np.asarray(self._run(x), np.float32))
        return np.concatenate(out)
