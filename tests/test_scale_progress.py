"""Progress of long runs: inside one big JSON Lines file, and with the workers shown."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.report import ProgressReport


def _jsonl(path: Path, lines: int, last_break: bool = True) -> Path:
    body = "\n".join(json.dumps({"id": f"a{n}", "text": "Words."}) for n in range(lines))
    path.write_text(body + ("\n" if last_break else ""), encoding="utf-8")
    return path


def test_progress_advances_inside_one_json_lines_file(tmp_path: Path) -> None:
    big = _jsonl(tmp_path / "big.jsonl", 10, last_break=False)
    size = big.stat().st_size
    report = ProgressReport([(big, size)], "ingest", bar=False, log_lines=True, every=3600)
    assert report._lines == {0: 10}
    for line in range(1, 5):
        report.seen(f"{big}:{line}")
    assert report._completed() == size * 4 // 10
    assert "0/1 files, 4 documents" in report.summary()
    assert "unknown" not in report.summary()  # a time left, before the file is finished
    report.finished()
    assert report._completed() == size


def test_lines_are_counted_only_when_progress_is_shown(tmp_path: Path) -> None:
    big = _jsonl(tmp_path / "big.jsonl", 3)
    quiet = ProgressReport([(big, big.stat().st_size)], "extract", bar=False, log_lines=False)
    assert quiet._lines == {}


def test_the_workers_are_shown_with_the_rate(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Words.", encoding="utf-8")
    report = ProgressReport([(text, 6)], "ingest", bar=False, log_lines=True, workers=2)
    report.seen(str(text))
    assert "documents/s with 2 workers, about" in report.summary()
    alone = ProgressReport([(text, 6)], "ingest", bar=False, log_lines=True)
    assert "workers" not in alone.summary()
