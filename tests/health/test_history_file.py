"""history.csv: rows appended one at a time, a torn last line dropped, the rows after a resumed step dropped."""

from keras_gans.health import HistoryFile, read_history


def _rows(path):
    return read_history(path)[1]


def test_rows_come_back_as_written_with_integer_steps(tmp_path):
    path = str(tmp_path / "history.csv")
    history = HistoryFile(path)
    history.append({"step": 50, "d_loss": 0.5, "g_loss": None})
    history.append({"step": 100, "d_loss": 0.25, "g_loss": 2.0, "unknown": 1.0})  # a column the header lacks: left out
    columns, rows = read_history(path)
    assert columns == ["step", "d_loss", "g_loss"]
    assert rows == [{"step": 50, "d_loss": 0.5, "g_loss": None}, {"step": 100, "d_loss": 0.25, "g_loss": 2.0}]
    assert isinstance(rows[0]["step"], int)
    assert HistoryFile(path).last_step == 100  # reopened: the file's columns and last step


def test_a_torn_last_line_is_dropped(tmp_path):
    path = str(tmp_path / "history.csv")
    history = HistoryFile(path)
    for step in (10, 20):
        history.append({"step": step, "d_loss": step / 10})
    with open(path, "a") as f:
        f.write("30,3.")  # a kill -9 in the middle of a row
    assert [r["step"] for r in _rows(path)] == [10, 20]
    reopened = HistoryFile(path)
    reopened.keep_until(20)
    reopened.append({"step": 30, "d_loss": 3.0})
    assert [r["step"] for r in _rows(path)] == [10, 20, 30]
    assert open(path).read().count("\n") == 4  # header and three whole rows, nothing of the torn one


def test_keep_until_drops_the_rows_after_the_resumed_step(tmp_path):
    path = str(tmp_path / "history.csv")
    history = HistoryFile(path)
    for step in range(10, 101, 10):
        history.append({"step": step, "d_loss": float(step)})
    history = HistoryFile(path)
    history.keep_until(50)  # the checkpoint the run resumes from
    assert history.last_step == 50
    for step in range(60, 121, 10):
        history.append({"step": step, "d_loss": -float(step)})
    rows = _rows(path)
    assert [r["step"] for r in rows] == list(range(10, 121, 10))  # none missing, none twice
    assert [r["d_loss"] for r in rows] == [float(s) for s in range(10, 51, 10)] + [-float(s) for s in range(60, 121, 10)]


def test_a_torn_header_starts_the_file_again(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("step,d_lo")
    history = HistoryFile(str(path))
    history.keep_until(0)
    history.append({"step": 5, "d_loss": 1.0})
    assert read_history(str(path)) == (["step", "d_loss"], [{"step": 5, "d_loss": 1.0}])
