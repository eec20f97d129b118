"""The whole job for a batch: ingest -> NLP -> extraction, one ``Result`` per article.

A failure in one document becomes an ``errors`` record on that document's ``Result``; the batch
always goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.extract import extract
from eventwire.ingest import SkippedFile, read_documents
from eventwire.model import ErrorRecord, Result
from eventwire.nlp import load_pipeline
from eventwire.settings import Settings

__all__ = ["run", "analyse", "SkippedFile"]


def run(paths: list[Path], settings: Settings | None = None) -> Iterator[Result | SkippedFile]:
    """Read and analyse every article under ``paths``, in input order."""
    settings = settings or Settings()
    yield from analyse(read_documents(paths, settings), settings)


def analyse(
    items: Iterable[Result | SkippedFile], settings: Settings
) -> Iterator[Result | SkippedFile]:
    """Run NLP and extraction on ingested documents that have no fatal error."""
    nlp = None
    for item in items:
        if isinstance(item, SkippedFile) or item.errors and _is_fatal(item):
            yield item
            continue
        if nlp is None:
            nlp = load_pipeline(settings.model)
        yield _analyse_one(item, nlp, settings)


def _is_fatal(result: Result) -> bool:
    # A decode notice ("decoded as cp1252") rides along; every other error stops the document.
    return any(error.stage != "decode" for error in result.errors) or not result.document.text


def _analyse_one(result: Result, nlp, settings: Settings) -> Result:
    text = result.document.text
    if len(text) > settings.max_chars:
        result.errors.append(
            ErrorRecord(
                stage="nlp",
                message=f"text is {len(text):,} characters, over the {settings.max_chars:,} "
                "limit (--max-chars); not analysed",
            )
        )
        return result
    try:
        doc = nlp(text)
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the batch
        result.errors.append(ErrorRecord(stage="nlp", message=f"spaCy failed: {err}"))
        return result
    try:
        result.actors, result.quotes, result.events = extract(doc, result.document)
    except Exception as err:  # noqa: BLE001
        result.errors.append(ErrorRecord(stage="extract", message=f"extraction failed: {err}"))
    return result
