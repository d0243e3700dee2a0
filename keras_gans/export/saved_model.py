"""SavedModel export of a generator with a ``serve`` signature that needs no keras_gans to run."""

import os
import shutil

import keras
import tensorflow as tf

from keras_gans.export.float32 import float32_copy
from keras_gans.models.conditioning import bound, sample_input_shape, takes_labels
from keras_gans.models.nonfinite import NonFiniteError, nonfinite_variables


def to_uint8(images):
    """float images in [-1, 1] -> uint8 [0, 255] (rounded, clipped)."""
    images = tf.cast(images, tf.float32)
    return tf.cast(tf.round(tf.clip_by_value((images + 1.0) * 127.5, 0.0, 255.0)), tf.uint8)


def export_generator(generator, path, class_names=None, mixture=None):
    """Write ``generator`` as a SavedModel at ``path``.

    Its ``serve`` signature maps float32 latents [N, latent_dim] (argument ``z``) to uint8 images
    [N, H, W, C] (output ``images``), or, for generators of vectors (the 2-D toy presets), to float32
    points [N, D] (output ``points``). The export computes in float32 whatever precision the generator trained
    in (``float32_copy``), so converters (TFLite, ONNX) and CPUs without bfloat16 take it as it is. A style-based
    generator also has the signature ``serve_truncated(z, truncation)`` (float32 scalar psi in [0, 1], the
    truncation trick; 1: none), and its Python attribute takes it as an option: ``.serve(z, truncation=0.7)``.
    Load it with ``tf.saved_model.load(path).signatures["serve"]`` or ``.serve(z)``.

    Its ``smoothest`` signature is the Jacobian-based truncation of ``generate`` (``JacobianTruncation``):
    candidate latents ``z`` [M, latent_dim] and a float32 fraction ``keep`` in (0, 1] -> the images (or points)
    of the floor(M keep) latents where G is smoothest, in the order given: draw M = n / keep latents for n samples.

    A conditional generator (one that takes ``[z, labels]``) is exported as ``serve(z, labels)`` (int32 class
    indices [N]) and ``smoothest(z, keep, labels)``, which also returns the ``labels`` of the kept latents; its
    ``classes()`` signature returns the class ``names`` (string [num_classes]; ``class_names``, else "0", "1", ...); a
    style-based one has ``serve_truncated(z, labels, truncation)``.

    A mixture of ``mixture`` = K generators (MGAN; G takes ``[z, k]``) is exported as ``serve(z)``, which runs for
    each latent the generator a hash of its bits picks (uniform over the K, the same for the same z, independent
    of z's distribution), ``serve_generator(z, generator)`` (int32 [N]: the generator of each latent) and
    ``smoothest(z, keep)``.

    ``path`` must be new, empty, or an earlier export (which is replaced); the export is written beside
    it and moved into place, so an interrupted export leaves the earlier one intact. Weights holding
    NaN or inf are refused (``NonFiniteError``).
    """
    check_export_target(path)
    bad = nonfinite_variables(generator.weights)
    if bad:
        raise NonFiniteError(f"the generator's weights hold NaN or inf ({len(bad)} tensor(s), first: {bad[0]}); "
                             f"nothing was exported to {path}. Export an earlier checkpoint of the run instead.")
    generator = float32_copy(generator)
    latent_dim = sample_input_shape(generator)[-1]
    image_output = len(generator.output_shape) == 4
    archive = keras.export.ExportArchive()
    archive.track(generator)
    z_spec = tf.TensorSpec([None, latent_dim], tf.float32, name="z")
    if mixture:
        _mixture_endpoints(archive, generator, z_spec, image_output, int(mixture))
    elif takes_labels(generator):
        _conditional_endpoints(archive, generator, z_spec, image_output, class_names)
    elif hasattr(generator, "w_avg"):  # a style-based generator: serve(z) or serve(z, truncation=psi)
        serve = _with_truncation(generator)
        serve.get_concrete_function(z_spec)  # the "serve" signature: z -> images (psi 1)
        serve.get_concrete_function(z_spec, PSI_SPEC)
        archive.add_endpoint("serve", serve)
        archive.add_endpoint("serve_truncated", lambda z, truncation: serve(z, truncation), input_signature=[z_spec, PSI_SPEC])
    else:
        archive.add_endpoint("serve", lambda z: _outputs(generator(z, training=False), image_output), input_signature=[z_spec])
    if not takes_labels(generator):
        archive.add_endpoint("smoothest", _smoothest(generator, image_output),
                             input_signature=[z_spec, tf.TensorSpec([], tf.float32, name="keep")])
    path = os.path.normpath(path)
    staging = f"{path}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        archive.write_out(staging, verbose=False)
    except BaseException:  # Ctrl-C, a pre-emption, a full disk: no staging folder is left behind
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = f"{path}.old-{os.getpid()}"
    if os.path.exists(path):
        os.replace(path, old)
    os.replace(staging, path)
    shutil.rmtree(old, ignore_errors=True)
    return path


PSI_SPEC = tf.TensorSpec([], tf.float32, name="truncation")


def _outputs(out, image_output):
    return {"images": to_uint8(out)} if image_output else {"points": tf.cast(out, tf.float32)}


def hashed_generator(z, generators):
    """The generator of each latent of ``z`` [N, d] in a mixture of ``generators``: a multiplicative hash of the
    latent's float bits modulo K (uniform over the K and unrelated to z's values, the same for the same z)."""
    bits = tf.bitcast(tf.cast(z, tf.float32), tf.int32)
    odd = tf.constant([(2654435761 * (2 * i + 1)) % 2**31 | 1 for i in range(int(z.shape[-1]))], tf.int32)
    h = tf.reduce_sum(bits * odd, axis=1)  # int32 arithmetic wraps around
    h = tf.bitwise.bitwise_xor(h, tf.bitwise.right_shift(h, 15))
    return tf.math.floormod(h, generators)


def _mixture_endpoints(archive, generator, z_spec, image_output, generators):
    """``serve(z)`` (the hashed generator of each latent), ``serve_generator(z, generator)``, ``smoothest(z, keep)``."""
    def serve(z):
        return _outputs(generator([z, hashed_generator(z, generators)], training=False), image_output)

    archive.add_endpoint("serve", serve, input_signature=[z_spec])
    archive.add_endpoint("serve_generator", lambda z, k: _outputs(generator([z, k], training=False), image_output),
                         input_signature=[z_spec, tf.TensorSpec([None], tf.int32, name="generator")])
    chosen = _smoothest(generator, image_output)
    archive.add_endpoint("smoothest", lambda z, keep: {k: v for k, v in chosen(z, keep, hashed_generator(z, generators)).items()
                                                        if k != "labels"},
                         input_signature=[z_spec, tf.TensorSpec([], tf.float32, name="keep")])


def _conditional_endpoints(archive, generator, z_spec, image_output, class_names):
    """``serve(z, labels)``, ``smoothest(z, keep, labels)`` and ``classes()`` of a conditional generator."""
    labels_spec = tf.TensorSpec([None], tf.int32, name="labels")
    num_classes = _num_classes(generator)
    names = tf.constant([str(c) for c in (class_names or range(num_classes))])
    if hasattr(generator, "w_avg"):  # a style-based generator: serve(z, labels) or serve(z, labels, truncation=psi)
        @tf.function
        def serve(z, labels, truncation=None):
            kwargs = {} if truncation is None else {"truncation": truncation}
            return {"images": to_uint8(generator([z, labels], training=False, **kwargs))}

        serve.get_concrete_function(z_spec, labels_spec)
        serve.get_concrete_function(z_spec, labels_spec, PSI_SPEC)
        archive.add_endpoint("serve", serve)
        archive.add_endpoint("serve_truncated", lambda z, labels, truncation: serve(z, labels, truncation),
                             input_signature=[z_spec, labels_spec, PSI_SPEC])
    else:
        archive.add_endpoint("serve", lambda z, labels: _outputs(bound(generator, labels)(z, training=False), image_output),
                             input_signature=[z_spec, labels_spec])
    smoothest = _smoothest(generator, image_output)
    archive.add_endpoint("smoothest", smoothest, input_signature=[z_spec, tf.TensorSpec([], tf.float32, name="keep"), labels_spec])
    archive.add_endpoint("classes", lambda: {"names": names}, input_signature=[])


def _num_classes(generator):
    """The classes of a conditional generator: its own ``num_classes``, or the rows of its class embedding or
    of its conditional norms."""
    if getattr(generator, "num_classes", None):
        return int(generator.num_classes)
    for layer in generator.layers:
        if getattr(layer, "num_classes", None):
            return int(layer.num_classes)
        if isinstance(layer, keras.layers.Embedding):
            return int(layer.input_dim)
    raise ValueError(f"{generator.name} takes labels but holds no class embedding or conditional norm.")


def _with_truncation(generator):
    """``serve(z, truncation=None)``: the truncation trick's psi as an optional scalar input (1: none)."""

    @tf.function
    def serve(z, truncation=None):
        kwargs = {} if truncation is None else {"truncation": truncation}
        return {"images": to_uint8(generator(z, training=False, **kwargs))}

    return serve


def _smoothest(generator, image_output):
    """``smoothest(z, keep)``: G of the floor(len(z) keep) latents of ``z`` with the smallest Jacobian norms;
    ``smoothest(z, keep, labels)`` for a conditional G (each latent's norm at its own label), with the kept
    latents' ``labels``."""
    from keras_gans.models.jacobian_truncation import squared_jacobian_norms

    def smoothest(z, keep, labels=None):
        m = tf.shape(z)[0]
        n = tf.maximum(tf.cast(tf.floor(tf.cast(m, tf.float32) * keep + 1e-6), tf.int32), 1)
        _, order = tf.math.top_k(-squared_jacobian_norms(bound(generator, labels), z), k=n)
        order = tf.sort(order)
        kept_labels = None if labels is None else tf.gather(labels, order)
        out = _outputs(bound(generator, kept_labels)(tf.gather(z, order), training=False), image_output)
        return out if labels is None else {**out, "labels": kept_labels}

    return smoothest


def check_export_target(path):
    """A clear error for a target that an export would damage: a file, a run directory, a non-empty
    folder that is not an earlier export."""
    if os.path.isfile(path):
        raise FileExistsError(f"{path} is a file; give a folder path for the SavedModel.")
    if os.path.isdir(path) and os.listdir(path) and not os.path.exists(os.path.join(path, "saved_model.pb")):
        what = "a run directory" if os.path.exists(os.path.join(path, "config.json")) else "a folder with other files"
        raise FileExistsError(f"{path} is {what}; exporting there would mix the SavedModel into it. Give a new "
                              f"folder, e.g. {os.path.join(path, 'generator')}.")
