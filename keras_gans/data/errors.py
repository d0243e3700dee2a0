class DataError(ValueError):
    """A dataset that cannot be used as given; the message says what to do instead."""
