"""When an interval's mark was passed: callbacks see a step counter that may advance by more than one per
call (``steps_per_execution``), so "the step is a multiple of N" would miss marks."""


def crossed_multiple(previous, step, every):
    """Whether (previous, step] holds a multiple of ``every`` (never, when ``every`` is 0)."""
    return bool(every) and step // every > previous // every
