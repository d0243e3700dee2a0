"""Datasets for GAN training: TFDS, IDX, .npz, image folders and 2-D toy mixtures."""

from keras_gans.data.errors import DataError
from keras_gans.data.loader import load, load_arrays
from keras_gans.data.toy import grid_centers, ring_centers, sample_mixture
from keras_gans.data.idx import read_idx
from keras_gans.data.image_folder import find_bad_images
from keras_gans.data.zca import ZCAWhitening
