"""Publication dates are validated where they enter the data model (issue 12, item 1): a year
9999, 2024-02-30, 0001-01-01 or garbage becomes no date plus a notice on the document, and
the store never receives a date it cannot compute with."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from eventwire.ingest import read_documents
from eventwire.model import PUBLISHED_YEARS, Document, Result, valid_event_date, valid_published
from eventwire.settings import Settings
from eventwire.store import Store
from tests.test_store import make_result

STORY = (
    "The harbour board said on Monday that ferry crossings to the islands would resume after "
    "the storm, and that the first boats would leave at dawn."
)
BAD_DATES = ["9999-12-31", "2024-02-30", "0001-01-01", "garbage", "2024-13-01", "31/12/2024"]


@pytest.mark.parametrize("value", BAD_DATES)
def test_document_refuses_an_invalid_date(value: str) -> None:
    with pytest.raises(ValidationError):
        Document(id="d", published=value)
    document = Document(id="d", published="2024-02-29")
    with pytest.raises(ValidationError):
        document.published = value  # validated on assignment too
    assert document.published == "2024-02-29"


def test_date_forms_that_are_accepted() -> None:
    assert valid_published("2024-03-01T22:15:00+02:00") == "2024-03-01"
    assert valid_published("Tue, 05 Mar 2024 10:00:00 GMT") == "2024-03-05"
    assert valid_published(" 2024-03-01 ") == "2024-03-01"
    assert valid_published("") is None and valid_published(None) is None


def test_jsonl_dates_are_checked_per_record(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": STORY, "published": value})
             for i, value in enumerate(["2024-07-05", *BAD_DATES])]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = [r for r in read_documents([path], Settings()) if isinstance(r, Result)]
    assert results[0].document.published == "2024-07-05" and results[0].errors == []
    for result, value in zip(results[1:], BAD_DATES, strict=True):
        assert result.document.published is None
        ((error),) = result.errors
        assert error.notice and error.stage == "read"
        assert error.message.startswith(f"publication date dropped: '{value}'")
        assert not result.failed  # the article is still analysed


def test_a_date_line_the_cleaner_finds_is_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"date 9999-12-31\n{STORY}\n", encoding="utf-8")
    (result,) = [r for r in read_documents([path], Settings()) if isinstance(r, Result)]
    assert result.document.published is None
    assert [(e.stage, e.notice) for e in result.errors] == [("clean", True)]
    assert "outside the years" in result.errors[0].message


def test_the_store_never_takes_an_invalid_date(tmp_path: Path) -> None:
    # A Result built without validation (model_construct) still reaches the store unharmed.
    text = "Vladimir Putin received Kassym Tokayev in the Kremlin on Tuesday."
    good = make_result("good", text, published="2024-05-02",
                       actors=[("A1", "Vladimir Putin", "person", "RUSGOV"),
                               ("A2", "Kassym Tokayev", "person", "KAZGOV")],
                       events=[("E1", "A1", "A2", "042", "received")])  # fmt: skip
    poisoned = make_result("poisoned", text + " Again.", published=None,
                           actors=[("A1", "Vladimir Putin", "person", "RUSGOV"),
                                   ("A2", "Kassym Tokayev", "person", "KAZGOV")],
                           events=[("E1", "A1", "A2", "042", "received", "9999-12")])  # fmt: skip
    object.__setattr__(poisoned.document, "published", "9999-12-31")
    with Store(tmp_path / "corpus.duckdb") as store:
        store.add([poisoned, good])
        store.rebuild()
        (published,) = store.con.execute(
            "SELECT published FROM documents WHERE name = 'poisoned'").fetchone()
        assert published is None
        assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    with Store(tmp_path / "corpus.duckdb") as store:  # later runs open and answer
        store.add([make_result("later", "Kassym Tokayev visited Minsk.", published="2024-06-01")])
        store.rebuild()
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


# --- properties -------------------------------------------------------------------------------

_FIRST_YEAR, _LAST_YEAR = PUBLISHED_YEARS
_DAYS = st.dates(min_value=date(_FIRST_YEAR, 1, 1), max_value=date(_LAST_YEAR, 12, 31))


@given(day=_DAYS)
def test_every_day_in_range_is_kept(day: date) -> None:
    assert valid_published(day.isoformat()) == day.isoformat()
    assert valid_published(f"{day.isoformat()}T12:00:00Z") == day.isoformat()
    assert valid_event_date(day.isoformat()[:7]) == day.isoformat()[:7]


@settings(max_examples=300)
@given(value=st.text(max_size=40))
def test_any_text_is_a_valid_date_or_refused(value: str) -> None:
    try:
        result = valid_published(value)
    except ValueError as err:
        assert "\n" not in str(err)
        return
    if result is not None:
        parsed = date.fromisoformat(result)
        assert PUBLISHED_YEARS[0] <= parsed.year <= PUBLISHED_YEARS[1]
        # a year later or a month earlier can be computed, as the date rules do
        assert parsed + timedelta(days=400) and parsed - timedelta(days=400)


@given(year=st.integers(0, 99999), month=st.integers(0, 99), day=st.integers(0, 99))
def test_numbers_out_of_the_calendar_are_refused(year: int, month: int, day: int) -> None:
    value = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        real = date(year, month, day)
    except ValueError:
        real = None
    in_range = real is not None and PUBLISHED_YEARS[0] <= year <= PUBLISHED_YEARS[1]
    if in_range:
        assert valid_published(value) == value
    else:
        with pytest.raises(ValueError):
            valid_published(value)
        assert valid_event_date(value) is None


def test_a_store_poisoned_before_the_guard_recovers(tmp_path: Path) -> None:
    # A store written by an older eventwire may hold year 9999; the next rebuild must work.
    text = "Vladimir Putin received Kassym Tokayev in the Kremlin on Tuesday."
    poisoned = make_result("old", text, published="2024-05-02",
                           actors=[("A1", "Vladimir Putin", "person", "RUSGOV"),
                                   ("A2", "Kassym Tokayev", "person", "KAZGOV")],
                           events=[("E1", "A1", "A2", "042", "received")])  # fmt: skip
    with Store(tmp_path / "corpus.duckdb") as store:
        store.add([poisoned])
        store.con.execute("UPDATE documents SET published = '9999-12-31'")
        store.con.execute("UPDATE mentions SET date = '9999-12'")
        store.rebuild(force=True)
        store.add([make_result("new", "Kassym Tokayev visited Minsk.", published="2024-06-01")])
        store.rebuild()
        assert store.con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
