"""The whole job for a batch: ingest -> NLP -> extraction, one ``Result`` per article.

A failure in one document becomes an ``errors`` record on that document's ``Result``; the batch
always goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from eventwire.data import read_text
from eventwire.extract import extract
from eventwire.ingest import SkippedFile, read_documents
from eventwire.model import Document, ErrorRecord, Result
from eventwire.nlp import load_pipeline, use_blas_threads
from eventwire.settings import Settings

__all__ = ["run", "analyse", "analyse_batch", "batches", "warm_up", "SkippedFile"]


Input = str | Path | Mapping[str, Any]


def run(
    inputs: Input | Iterable[Input], settings: Settings | None = None
) -> Iterator[Result | SkippedFile]:
    """Read and analyse every article of ``inputs``, in input order: a path (``str`` or
    ``Path``, a file or a directory; ``-`` is stdin), a record (a mapping with ``text`` or
    ``html``, as a JSON Lines line), or an iterable of these."""
    settings = settings or Settings()
    yield from analyse(read_documents(as_inputs(inputs), settings), settings)


def as_inputs(inputs: Input | Iterable[Input]) -> Iterator[Path | Mapping[str, Any]]:
    """``inputs`` as paths and records (a single one is an input of its own), taken lazily: a
    generator of a million records is never held whole."""
    if isinstance(inputs, str | Path | Mapping):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Mapping):
            yield item
        elif isinstance(item, str | Path):
            yield Path(item)
        else:
            raise TypeError(f"an input is a path or a mapping, not {type(item).__name__}")


def analyse(
    items: Iterable[Result | SkippedFile], settings: Settings
) -> Iterator[Result | SkippedFile]:
    """Run NLP and extraction on ingested documents that have no fatal error, in input order.

    Documents are parsed in batches with ``nlp.pipe``, which is faster than one call each. A
    batch is bounded by characters (``Settings.batch_chars``; a longer document is parsed
    alone) and by items (``Settings.batch_documents``), and each parsed ``Doc`` is dropped
    as soon as its document is extracted, so memory follows the character budget, not the
    number of documents. With ``Settings.workers`` above 1 the batches are parsed by that many
    worker processes (:mod:`eventwire.parallel`), with ``Settings.engine`` 'ray' on a Ray
    cluster (:mod:`eventwire.ray_engine`): the same batches with the same results.
    """
    # this process reads and cleans (and, in-process, parses): its BLAS threads as the workers'
    use_blas_threads(settings.blas_threads)
    if settings.engine == "ray":
        from eventwire.ray_engine import analyse_with_ray  # here: Ray is an optional extra

        for batch in analyse_with_ray(batches(items, settings), settings):
            yield from batch
        return
    workers = settings.worker_count()
    if workers > 1:
        from eventwire.parallel import analyse_in_workers  # here: it starts processes

        counted = _Counted(items)
        # batches() reads the first item of the next batch before it gives a batch: when
        # more items were read than the first batch holds, the input goes on
        for batch in analyse_in_workers(batches(counted, settings), settings, workers,
                                        more=lambda first: counted.taken > len(first)):
            yield from batch
        return
    for batch in batches(items, settings):
        yield from analyse_batch(batch, settings)


class _Counted:
    """An iterator that counts the items taken from it."""

    def __init__(self, items: Iterable[Result | SkippedFile]) -> None:
        self._items = iter(items)
        self.taken = 0

    def __iter__(self) -> Iterator[Result | SkippedFile]:
        return self

    def __next__(self) -> Result | SkippedFile:
        item = next(self._items)
        self.taken += 1
        return item


def batches(
    items: Iterable[Result | SkippedFile], settings: Settings
) -> Iterator[list[Result | SkippedFile]]:
    """``items`` cut into the batches that are parsed together, read lazily: a batch is
    formed only when the one before it was taken."""
    batch: list[Result | SkippedFile] = []
    chars = 0
    for item in items:
        size = _parse_size(item, settings)
        if batch and (
            chars + size > settings.batch_chars or len(batch) >= settings.batch_documents
        ):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


def warm_up(settings: Settings) -> None:
    """Load what every batch needs, once per process: the spaCy pipeline and its knowledge
    bases, and the tables the components load at their first use (towns, places, dates), by
    analysing a short document of ``data/warm_up.txt``. A worker does it before it says it is
    ready, so that its first batch is not slowed by the loads while the reading process,
    meanwhile, reads ahead."""
    load_pipeline(settings)
    document = Document(id="warm-up", text=read_text("warm_up.txt"), published="2024-03-04")
    analyse_batch([Result(document=document)], settings)


def _parse_size(item: Result | SkippedFile, settings: Settings) -> int:
    """Characters this item adds to a batch: its text if it will be parsed, else nothing."""
    if not isinstance(item, Result) or _is_fatal(item):
        return 0
    return len(item.document.text) if len(item.document.text) <= settings.max_chars else 0


def analyse_batch(
    batch: list[Result | SkippedFile], settings: Settings
) -> list[Result | SkippedFile]:
    """Parse and extract the documents of one batch in place; the batch is returned."""
    todo = [
        item
        for item in batch
        if isinstance(item, Result) and not _is_fatal(item) and _within_limit(item, settings)
    ]
    if not todo:
        return batch
    nlp = load_pipeline(settings)
    done = 0
    try:
        parsed = nlp.pipe((_unparsed(nlp, item) for item in todo), batch_size=len(todo))
        for item, doc in zip(todo, parsed, strict=True):
            _extract_one(item, doc, settings)
            del doc  # dropped before the next is taken: only the batch's Docs are alive
            done += 1
    except Exception:  # noqa: BLE001 - find the document that broke the batch, one by one
        for item in todo[done:]:
            doc = _parse_one(nlp, item)
            if doc is not None:
                _extract_one(item, doc, settings)
    return batch


def _is_fatal(result: Result) -> bool:
    return result.failed or not result.document.text


def _within_limit(result: Result, settings: Settings) -> bool:
    length = len(result.document.text)
    if length <= settings.max_chars:
        return True
    result.errors.append(
        ErrorRecord(
            stage="nlp",
            message=f"text is {length:,} characters, over the {settings.max_chars:,} "
            "limit (EVENTWIRE_MAX_CHARS); not analysed",
        )
    )
    return False


def _unparsed(nlp, result: Result):
    """The document's tokens, with its publication date for the components that need it
    (which post a listed person held then)."""
    doc = nlp.make_doc(result.document.text)
    if result.document.published:
        doc.user_data["published"] = result.document.published
    return doc


def _parse_one(nlp, result: Result):
    try:
        return nlp(_unparsed(nlp, result))
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
        result.errors.append(ErrorRecord(stage="nlp", message=f"spaCy failed: {err}"))
        return None


def _extract_one(result: Result, doc, settings: Settings) -> None:
    try:
        result.actors, result.quotes, result.events = extract(doc, result.document, settings)
        # below the floor an event is more likely wrong than useful (Settings.min_confidence)
        result.events = [e for e in result.events if e.confidence >= settings.min_confidence]
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
        result.errors.append(ErrorRecord(stage="extract", message=f"extraction failed: {err}"))
