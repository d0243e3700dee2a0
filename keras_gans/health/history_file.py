"""A run's curves on disk: ``history.csv``, one row per logged step, that survives a resume, a rollback and a
``kill -9``.

Rows are appended and flushed to the disk one at a time (``os.fsync``), so a killed run loses at most the
row being written; a torn last line (no newline) is dropped when the file is next opened. A resumed run
restarts from its checkpoint's step, so the rows logged after that step by the killed run belong to a
stretch of training that is done again: ``keep_until(step)`` drops them (the file is rewritten once,
atomically) and the new rows follow without a duplicated or a missing step."""

import csv
import io
import os


def _parse(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except ValueError:
        return value


def _intact_lines(path):
    """The file's complete lines (each ended by a newline); a torn last line is left out."""
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        text = f.read()
    if not text.endswith("\n"):
        text = text[: text.rfind("\n") + 1]
    return text.splitlines(keepends=True)


def read_history(path):
    """``(columns, rows)`` of a ``history.csv``: rows as dicts of floats (None where a row has no value)."""
    lines = _intact_lines(path)
    if not lines:
        return [], []
    reader = csv.DictReader(io.StringIO("".join(lines)))
    rows = [{k: int(v) if k == "step" else _parse(v) for k, v in row.items()} for row in reader
            if row.get("step") not in (None, "")]
    return list(reader.fieldnames or []), rows


class HistoryFile:
    """Appends rows (dicts with a ``step``) to a CSV file whose columns are fixed by its first row (or by the
    file, when it exists: a resumed run keeps them; values of other names are left out).

    Example:
        >>> history = HistoryFile("runs/dcgan/history.csv")
        >>> history.keep_until(1000)          # a run resumed at step 1000
        >>> history.append({"step": 1050, "d_loss": 0.61})
    """

    def __init__(self, path):
        self.path = path
        self.columns, rows = read_history(path)
        self.last_step = int(rows[-1]["step"]) if rows else None

    def keep_until(self, step):
        """Drop the rows after ``step`` (and a torn last line): the training after it is done again."""
        lines = _intact_lines(self.path)
        columns, rows = read_history(self.path)
        kept = [line for line, row in zip(lines[1:], rows) if row["step"] <= step]
        torn = os.path.exists(self.path) and os.path.getsize(self.path) != len("".join(lines).encode())
        if not lines:
            if os.path.exists(self.path):
                os.remove(self.path)  # nothing but a torn header: the file starts again
        elif torn or len(kept) != len(rows):
            temporary = self.path + ".tmp"
            with open(temporary, "w", newline="") as f:
                f.write("".join(lines[:1] + kept))
                f.flush()
                os.fsync(f.fileno())
            os.replace(temporary, self.path)
        self.columns = columns
        self.last_step = int(rows[len(kept) - 1]["step"]) if kept else None

    def append(self, row):
        """Write one row (its step after the last one) and push it to the disk."""
        new = not self.columns
        if new:
            self.columns = ["step"] + [k for k in row if k != "step"]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerow({k: int(v) if k == "step" else _format(v) for k, v in row.items()})
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        with open(self.path, "a", newline="") as f:
            f.write(buffer.getvalue())
            f.flush()
            os.fsync(f.fileno())
        self.last_step = int(row["step"])


def _format(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.7g}"
    return value
