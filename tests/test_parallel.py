"""--workers: batches parsed by worker processes give the same results, in input order, and a
worker that crashes or hangs costs one document an error record, never the batch or the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.ingest import read_documents
from eventwire.model import Document, Result
from eventwire.parallel import (
    START_UP_BATCHES_PER_WORKER,
    WorkerPool,
    analyse_in_workers,
    run_in_workers,
)
from eventwire.pipeline import batches
from eventwire.settings import Settings, available_cores
from tests.conftest import BAD_SAMPLES, SAMPLES

runner = CliRunner()
TASK = "tests.parallel_tasks:mark"


def _result(doc_id: str, text: str = "Some text.") -> Result:
    return Result(document=Document(id=doc_id, text=text))


def _pool(settings: Settings, workers: int = 2) -> WorkerPool:
    return WorkerPool(settings, workers, task=TASK, warm_up=None)


def test_batches_come_back_in_input_order_with_bounded_read_ahead() -> None:
    settings = Settings(batch_documents=2)
    texts = ["SLOW text." if n % 10 == 0 else "Quick text." for n in range(200)]
    taken = 0
    ahead: list[int] = []

    def source():
        nonlocal taken
        for n, text in enumerate(texts):
            taken += 1
            yield _result(f"d{n}", text)

    out: list[Result] = []
    with _pool(settings) as pool:
        for batch in pool.map(batches(source(), settings)):
            out.extend(batch)
            ahead.append(taken - len(out))  # read from the input, not yet handed on
    assert [r.document.id for r in out] == [f"d{n}" for n in range(200)]
    assert [r.document.title for r in out] == [f"seen {n % 2} of 2" for n in range(200)]
    assert not any(r.errors for r in out)
    # while the workers load, up to 32 batches per worker are read ahead (a core is free):
    # the input is read past the steady bound then, but never whole
    start_up = (START_UP_BATCHES_PER_WORKER * 2 + 1) * 2
    assert (2 * 2 + 1) * 2 < max(ahead) <= start_up < len(texts)
    # once that is used up, at most 2 batches per worker are out, plus the one being formed
    assert max(ahead[START_UP_BATCHES_PER_WORKER * 2:]) <= (2 * 2 + 1) * 2


def test_a_crashing_document_gets_an_error_record_and_the_rest_are_analysed() -> None:
    settings = Settings(batch_documents=3)
    texts = ["Fine.", "Fine.", "Fine.", "Fine.", "This one has CRASH in it.", "Fine.", "Fine."]
    items = [_result(f"d{n}", text) for n, text in enumerate(texts)]
    with _pool(settings) as pool:
        out = [r for batch in pool.map(batches(items, settings)) for r in batch]
        assert pool.restarts >= 2  # the batch's worker, then the one that ran it alone
    assert [r.document.id for r in out] == [f"d{n}" for n in range(7)]
    crashed = out[4]
    assert crashed.failed and crashed.errors[0].stage == "nlp"
    assert "worker process analysing it died (exit code 3)" in crashed.errors[0].message
    assert all(r.document.title and not r.errors for n, r in enumerate(out) if n != 4)
    # the crashed batch's other documents were analysed one by one
    assert [out[n].document.title for n in (3, 5)] == ["seen 0 of 1", "seen 0 of 1"]


def test_a_crash_in_the_batch_sent_ahead_fails_only_its_document() -> None:
    # one worker holds two batches at once (the one it analyses and the next); it dies on the
    # second, possibly before the first's results left it: no result is lost or doubled
    settings = Settings(batch_documents=2)
    texts = ["Fine.", "Fine.", "CRASH here.", "Fine.", "Fine.", "Fine.", "Fine.", "Fine."]
    items = [_result(f"d{n}", text) for n, text in enumerate(texts)]
    with _pool(settings, workers=1) as pool:
        out = [r for batch in pool.map(batches(items, settings)) for r in batch]
    assert [r.document.id for r in out] == [f"d{n}" for n in range(8)]
    assert [r.failed for r in out] == [n == 2 for n in range(8)]
    assert all(r.document.title for n, r in enumerate(out) if n != 2)
    assert [out[n].document.title for n in (6, 7)] == ["seen 0 of 2", "seen 1 of 2"]


def test_a_document_over_the_time_limit_fails_alone() -> None:
    settings = Settings(batch_documents=2, document_timeout=1.0)
    texts = ["Fine.", "It will HANG forever.", "Fine.", "Fine."]
    items = [_result(f"d{n}", text) for n, text in enumerate(texts)]
    with _pool(settings) as pool:
        out = [r for batch in pool.map(batches(items, settings)) for r in batch]
    assert [r.document.id for r in out] == ["d0", "d1", "d2", "d3"]
    assert out[1].failed
    assert "longer than 1 s (EVENTWIRE_DOCUMENT_TIMEOUT)" in out[1].errors[0].message
    assert [out[n].failed for n in (0, 2, 3)] == [False, False, False]


def test_a_worker_is_replaced_after_its_share_of_documents() -> None:
    # spaCy keeps every new word a process meets: a fresh worker gives that memory back
    settings = Settings(batch_documents=2, worker_documents=4)
    items = [_result(f"d{n}") for n in range(21)]
    with WorkerPool(settings, 2, task="tests.parallel_tasks:stamp_process", warm_up=None) as pool:
        out = [r for batch in pool.map(batches(items, settings)) for r in batch]
        assert pool.restarts == 0 and pool.recycled >= 4
    assert [r.document.id for r in out] == [f"d{n}" for n in range(21)]
    assert not any(r.errors for r in out)
    per_process: dict[str, int] = {}
    for r in out:
        per_process[r.document.title] = per_process.get(r.document.title, 0) + 1
    assert len(per_process) >= 5 and max(per_process.values()) <= 4


def test_a_worker_that_cannot_start_stops_the_run_with_its_reason() -> None:
    settings = Settings(batch_documents=1)
    items = [_result("a"), _result("b")]
    with (
        pytest.raises(RuntimeError, match="no such model"),
        WorkerPool(settings, 2, task=TASK, warm_up="tests.parallel_tasks:fail_to_start") as pool,
    ):
        list(pool.map(batches(items, settings)))


def test_one_batch_is_analysed_without_starting_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for one batch")

    monkeypatch.setattr("eventwire.parallel.WorkerPool", no_pool)
    monkeypatch.setattr("eventwire.pipeline.analyse_batch", lambda batch, settings: batch)
    monkeypatch.setattr("eventwire.pipeline.warm_up", lambda settings: None)
    out = list(analyse_in_workers(iter([[_result("a")]]), Settings(), 2))
    assert [r.document.id for batch in out for r in batch] == ["a"]


def test_workers_setting() -> None:
    assert Settings().worker_count() == 1  # the Python API runs in-process unless asked
    assert Settings(workers=0).worker_count() == available_cores()
    assert Settings(workers=3).worker_count() == 3
    with pytest.raises(ValueError, match="workers"):
        Settings(workers=-1)


@pytest.mark.slow
def test_two_workers_give_the_same_output_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real pipeline over several batches: `extract --workers 2` (with a cleaning worker
    too, and each worker replaced by a fresh one after 3 documents) writes the JSON that the
    Python API gives in-process, for every document, in order."""
    monkeypatch.setattr("eventwire.ingest.CHUNK_DOCUMENTS", 4)
    records = tmp_path / "more.jsonl"
    lines = [
        {"id": "ferry", "published": "2024-03-05", "text": "The harbour board of Norvik said on "
         "Monday that ferry crossings would resume. Prime Minister Anna Berg visited Kyiv and "
         "promised aid to Ukraine."},
        {"id": "talks", "published": "2024-03-06", "text": "Russia and Ukraine agreed to hold "
         "talks in Istanbul next week, the Turkish foreign ministry said."},
        {"id": "empty", "text": ""},
    ]
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    shown = runner.invoke(app, ["extract", str(SAMPLES), str(records), "--format", "jsonl",
                                "-o", str(out), "--workers", "2", "--batch-size", "2", "-q"],
                           env={"EVENTWIRE_CLEAN_WORKERS": "1",
                                "EVENTWIRE_WORKER_DOCUMENTS": "3"})  # fmt: skip
    assert shown.exit_code == 1, shown.output  # the empty record failed, alone
    in_process = eventwire.run([SAMPLES, records], workers=1, clean_workers=0,
                               batch_documents=2)  # fmt: skip
    expected = [r.model_dump_json() for r in in_process]
    assert len(expected) == 10
    assert out.read_text(encoding="utf-8").splitlines() == expected


def _read(inputs: list[Path], settings: Settings) -> list[str]:
    return [item.model_dump_json() if isinstance(item, Result) else f"skipped {item.path}"
            for item in read_documents(inputs, settings)]  # fmt: skip


def test_cleaning_workers_give_the_documents_read_here(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("eventwire.ingest.CHUNK_DOCUMENTS", 3)  # several chunks, so a pool
    (tmp_path / "photo.png").write_bytes(b"\x89PNG not an article")
    inputs = [SAMPLES, BAD_SAMPLES, tmp_path]
    here = _read(inputs, Settings(clean_workers=0))
    assert len(here) > 10 and here[-1] == f"skipped {tmp_path / 'photo.png'}"
    assert _read(inputs, Settings(clean_workers=2)) == here


def test_a_document_that_breaks_a_cleaning_worker_fails_alone() -> None:
    from eventwire.ingest import PREPARE_LOST
    from eventwire.ingest.sources import RawInput

    texts = ["First report.", "Second report.", "A CRASH here.", "Fourth report."]
    raw = [RawInput(f"d{n}", f"d{n}.txt", "text", text=text, content_hash=f"h{n}")
           for n, text in enumerate(texts)]  # fmt: skip
    chunks = [raw[:2], raw[2:]]
    out = [item for chunk in run_in_workers(chunks, Settings(), 2, lost=PREPARE_LOST,
                                            task="tests.parallel_tasks:prepare_or_crash",
                                            warm_up=None) for item in chunk]  # fmt: skip
    assert [r.document.id for r in out] == ["d0", "d1", "d2", "d3"]
    assert out[2].failed and out[2].document.content_hash == "h2"
    assert out[2].errors[0].stage == "clean" and "died (exit code 4)" in out[2].errors[0].message
    assert [out[n].document.text for n in (0, 1, 3)] == [
        "First report.", "Second report.", "Fourth report."]


def test_clean_workers_default_to_a_third_of_the_workers() -> None:
    assert [Settings(workers=n).clean_worker_count() for n in (1, 2, 3, 4, 6, 16)] == [
        0, 0, 0, 1, 2, 5]
    assert Settings(workers=16, clean_workers=0).clean_worker_count() == 0


def _analysed(doc_id: str) -> Result:
    from eventwire.model import Actor, Cue, ErrorRecord, Event, Quote, SentenceSpan, Span

    text = "Ministers of Norvik said on Monday: 'We will help Eastmere.'"
    return Result(
        document=Document(id=doc_id, text=text, published="2024-03-05", source="x.jsonl:1"),
        actors=[Actor(id="A1", name="Norvik", type="country", country="NRV",
                      mentions=[Span(start=13, end=19, text="Norvik")])],
        quotes=[Quote(id="Q1", text="We will help Eastmere.", start=37, end=59, kind="direct",
                      speaker="A1", cue=Cue(start=20, end=24, text="said", lemma="say"))],
        events=[Event(id="E1", source="A1", cameo="057", cameo_root="05", quad_class=1,
                      goldstein=4.5, sentence=SentenceSpan(start=0, end=60),
                      trigger=Span(start=45, end=49, text="help"), confidence=0.625)],
        errors=[ErrorRecord(stage="clean", message="a notice", notice=True)],
    )  # fmt: skip


def test_analysed_batches_cross_back_from_a_worker_unchanged() -> None:
    import pickle

    from eventwire.ingest import SkippedFile
    from eventwire.pipeline import _SentBatch

    batch = [_analysed("a"), SkippedFile(Path("photo.png")), _analysed("b")]
    back = pickle.loads(pickle.dumps(_SentBatch(batch)))
    assert type(back) is list and back == batch
    assert [r.model_dump_json() for r in back if isinstance(r, Result)] == [
        r.model_dump_json() for r in batch if isinstance(r, Result)]
    assert isinstance(back[0].quotes[0].cue.lemma, str)  # the subclass kept its own field


def test_a_result_its_model_refuses_fails_alone_when_read_back() -> None:
    import pickle

    from eventwire.pipeline import _SentBatch

    broken = _analysed("b")
    broken.events[0].confidence = 1.5  # set without validation, as an analysis could
    back = pickle.loads(pickle.dumps(_SentBatch([_analysed("a"), broken, _analysed("c")])))
    assert back[0] == _analysed("a") and back[2] == _analysed("c")
    assert back[1].document.id == "b" and back[1].failed and not back[1].events
    assert back[1].errors[0].stage == "nlp"
    assert "could not be read back" in back[1].errors[0].message
    assert "events.0.confidence" in back[1].errors[0].message
