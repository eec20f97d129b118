"""Paths that once stopped or silently shrank a batch (issue 12, items 3 and 11): file names
that are not UTF-8, unreadable subdirectories, symbolic links in a loop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.ingest import read_documents
from eventwire.ingest.sources import SkippedFile, shown_path
from eventwire.model import Result
from eventwire.settings import Settings
from eventwire.store import Store
from eventwire.store.rows import RowBatch, input_key
from tests.conftest import REPO

STORY = (
    "The harbour board said on Monday that ferry crossings to the islands would resume after "
    "the storm, and that the first boats would leave at dawn.\n"
)


def items(path: Path) -> list[Result | SkippedFile]:
    return list(read_documents([path], Settings()))


@pytest.fixture
def latin1_names(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    # Names written in Latin-1 by an old system: the bytes are not UTF-8.
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))).write_text(STORY, encoding="utf-8")
    (Path(os.fsdecode(bytes(folder) + b"/\xff\xfe.bin"))).write_bytes(b"x")
    (folder / "z-last.txt").write_text(STORY.replace("Monday", "Friday"), encoding="utf-8")
    return folder


def test_names_that_are_not_utf8_are_read_and_shown_escaped(latin1_names: Path) -> None:
    found = items(latin1_names)
    skipped = [i for i in found if isinstance(i, SkippedFile)]
    results = [i for i in found if isinstance(i, Result)]
    assert [r.document.id for r in results] == ["caf\\xe9", "z-last"]
    assert results[0].document.source.endswith("/caf\\xe9.txt")
    assert results[0].errors == [] and results[0].document.text
    for result in results:
        result.model_dump_json()  # no lone surrogate anywhere in the output
    assert skipped[0].shown.endswith("/\\xff\\xfe.bin")
    input_key(skipped[0])
    RowBatch().add_failure(skipped[0])


def test_names_that_are_not_utf8_do_not_stop_extract_or_ingest(
    latin1_names: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "eventwire", "extract", str(latin1_names), "--format", "jsonl"],
        capture_output=True, timeout=300, cwd=REPO, env=env,
    )  # fmt: skip
    assert b"Traceback" not in proc.stderr
    ids = [json.loads(line)["document"]["id"] for line in proc.stdout.decode().splitlines()]
    assert ids == ["caf\\xe9", "z-last"]
    assert b"\\xff\\xfe.bin: skipped" in proc.stderr
    db = tmp_path / "corpus.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", str(latin1_names), "--db", str(db)],
        capture_output=True, timeout=300, cwd=REPO, env=env,
    )  # fmt: skip
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    with Store(db) as store:
        names = sorted(n for (n,) in store.con.execute("SELECT name FROM documents").fetchall())
    assert names == ["caf\\xe9", "z-last"]


def test_shown_path_keeps_utf8_names() -> None:
    assert shown_path(Path("Zürich/café.txt")) == "Zürich/café.txt"
    assert shown_path(os.fsdecode(b"a\xe9")) == "a\\xe9"
    assert shown_path("two\nlines.txt") == "two\\x0alines.txt"


def test_unreadable_subdirectory_is_a_failed_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "z.txt").write_text(STORY, encoding="utf-8")
    scandir = os.scandir

    def refuse_locked(path):  # the tests run as root, where chmod 000 does not refuse
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    found = items(tmp_path)
    assert [i.document.id for i in found] == ["a", "locked", "z"]
    failed = found[1]
    assert failed.failed and failed.document.source == str(locked)
    assert [(e.stage, e.message) for e in failed.errors] == [
        ("read", "cannot read directory: Permission denied")
    ]


def test_links_in_a_loop_and_to_directories_are_noted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "up").symlink_to(tmp_path)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "same.txt").symlink_to(tmp_path / "a.txt")
    found = items(tmp_path)
    notes = {i.path.name: i.reason for i in found if isinstance(i, SkippedFile)}
    assert notes == {
        "gone.txt": "a symbolic link to nothing",
        "loop1": "a symbolic link in a loop, not followed",
        "loop2": "a symbolic link in a loop, not followed",
        "up": "a link to a directory, not followed",
    }
    assert [i.document.id for i in found if isinstance(i, Result)] == ["a", "same"]
