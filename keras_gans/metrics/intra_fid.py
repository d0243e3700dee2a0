"""Intra-FID (Miyato & Koyama 2018, "cGANs with Projection Discriminator", sec. 5): the FID of each class's
samples against that class's real images, averaged over the classes. It rewards a conditional generator
for getting every class right, which the FID of the pooled samples does not see (a generator that mixes up
the classes can keep a good pooled FID)."""

import numpy as np

from keras_gans.metrics.fid import fid_from_activations


def intra_fid(real_features, real_labels, fake_features, fake_labels):
    """``{"intra_fid": mean over classes, "per_class": {class: FID}}`` from features [N, D] and labels [N] of
    real and generated samples; every class needs at least 2 samples of each (FID through TF-GAN)."""
    real_features, fake_features = np.asarray(real_features), np.asarray(fake_features)
    real_labels, fake_labels = np.asarray(real_labels).astype(np.int64), np.asarray(fake_labels).astype(np.int64)
    classes = np.unique(real_labels)
    missing = sorted(set(classes.tolist()) ^ set(np.unique(fake_labels).tolist()))
    if missing:
        raise ValueError(f"intra-FID compares class by class; classes {missing[:10]} are missing from the real or "
                         "the generated samples.")
    per_class = {}
    for c in classes:
        real, fake = real_features[real_labels == c], fake_features[fake_labels == c]
        if len(real) < 2 or len(fake) < 2:
            raise ValueError(f"class {int(c)} has {len(real)} real and {len(fake)} generated samples; intra-FID needs "
                             "at least 2 of each (hundreds for a meaningful figure).")
        per_class[int(c)] = fid_from_activations(real, fake)
    return {"intra_fid": float(np.mean(list(per_class.values()))), "per_class": per_class}
