"""Training tricks that are neither losses, regularisers nor input transforms."""

from keras_gans.tricks.replay_buffer import ReplayBuffer, get_replay_buffer
