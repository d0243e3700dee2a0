"""SavedModel export of a generator with a ``serve`` signature that needs no keras_gans to run."""

import keras
import tensorflow as tf


def to_uint8(images):
    """float images in [-1, 1] -> uint8 [0, 255] (rounded, clipped)."""
    images = tf.cast(images, tf.float32)
    return tf.cast(tf.round(tf.clip_by_value((images + 1.0) * 127.5, 0.0, 255.0)), tf.uint8)


def export_generator(generator, path):
    """Write ``generator`` as a SavedModel at ``path``.

    Its ``serve`` signature maps float32 latents [N, latent_dim] (argument ``z``) to uint8 images
    [N, H, W, C] (output ``images``), or, for generators of vectors (the 2-D toy presets), to float32
    points [N, D] (output ``points``). Load it with ``tf.saved_model.load(path).signatures["serve"]``
    or ``.serve(z)``.
    """
    latent_dim = generator.input_shape[-1]
    image_output = len(generator.output_shape) == 4
    archive = keras.export.ExportArchive()
    archive.track(generator)

    def serve(z):
        out = generator(z, training=False)
        return {"images": to_uint8(out)} if image_output else {"points": tf.cast(out, tf.float32)}

    archive.add_endpoint("serve", serve, input_signature=[tf.TensorSpec([None, latent_dim], tf.float32, name="z")])
    archive.write_out(path, verbose=False)
    return path
