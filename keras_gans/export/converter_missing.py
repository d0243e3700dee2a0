"""The error of a converter that is not installed: it names the extra to install."""


class ConverterMissing(ImportError):
    """``--format NAME`` needs packages that are not installed; the message says ``pip install keras_gans[EXTRA]``."""

    def __init__(self, format_name, extra, cause):
        super().__init__(f"--format {format_name} needs a converter that is not installed ({cause}); install it with "
                         f"pip install 'keras_gans[{extra}]' (or pip install -e '.[{extra}]' in a checkout).")
