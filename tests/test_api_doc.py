"""docs/api.md as a notebook: its Python blocks run in order in one namespace, from a folder
that has the repository's samples, so the documented API keeps working as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
API_DOC = REPO / "docs" / "api.md"


def doc_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.S)


def test_the_api_page_has_a_worked_example():
    blocks = doc_blocks()
    assert len(blocks) >= 5
    text = "\n".join(blocks)
    for call in ("eventwire.analyse_text(", "eventwire.run(", ".to_pandas(", "add_pipe(",
                 "n_process=2", "Corpus(", "since=date("):
        assert call in text, call


@pytest.mark.slow
def test_api_page_runs_as_a_notebook(tmp_path, monkeypatch, capsys):
    pytest.importorskip("pandas")
    (tmp_path / "samples").symlink_to(REPO / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for number, block in enumerate(doc_blocks(), start=1):
        try:
            exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
        except Exception as err:  # noqa: BLE001 - say which block broke
            pytest.fail(f"docs/api.md block {number} failed: {type(err).__name__}: {err}")
    # what the notebook showed
    events = namespace["events"]
    assert list(events.columns[:4]) == ["doc_id", "url", "publisher", "published"]
    assert {"Sergei Lavrov", "Wang Yi"} <= set(events["source"]) | set(events["target"])
    quotes = namespace["quotes"]
    assert len(quotes) > 0 and quotes["speaker"].notna().any()
    assert list(namespace["both"].to_pandas("documents")["doc_id"]) == ["a1", "a2"]
    out = capsys.readouterr().out
    assert "events with Putin" in out
    assert (tmp_path / "api-demo.duckdb").exists()
