"""The Python API for notebooks and scripts: ``analyse_text`` and ``run``.

Both return results that are the contract's models (:class:`eventwire.model.Result`) with
``to_arrow(table)`` / ``to_pandas(table)`` added, whose tables (:mod:`eventwire.tables`) carry
the actor names next to the per-document actor ids. A document that cannot be used is not an
exception: it comes back with ``errors`` (``failed`` is true), and a warning is logged.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventwire import tables
from eventwire.model import Result
from eventwire.pipeline import SkippedFile, as_inputs
from eventwire.pipeline import run as run_pipeline
from eventwire.settings import Settings

__all__ = ["Analysis", "Results", "analyse_text", "run"]

log = logging.getLogger("eventwire")

Input = str | Path | Mapping[str, Any]


class Analysis(Result):
    """Everything eventwire found in one document (a :class:`Result`), with its tables."""

    def to_arrow(self, table: str = "events") -> pa.Table:
        """``events``, ``quotes``, ``actors``, ``documents`` or ``errors`` as an Arrow table."""
        return tables.to_arrow([self], table)

    def to_pandas(self, table: str = "events") -> Any:
        """The same table as a pandas DataFrame."""
        return tables.to_pandas([self], table)


class Results(list[Analysis]):
    """The results of a run, in input order, with the files that were skipped (not an
    article format) in ``skipped``."""

    def __init__(self, results: Iterable[Analysis] = (), skipped: Iterable[Path] = ()) -> None:
        super().__init__(results)
        self.skipped: list[Path] = list(skipped)

    @property
    def failed(self) -> list[Analysis]:
        """The documents that could not be analysed (each with its ``errors``)."""
        return [result for result in self if result.failed]

    def to_arrow(self, table: str = "events") -> pa.Table:
        """``events``, ``quotes``, ``actors``, ``documents`` or ``errors`` of every document,
        as one Arrow table."""
        return tables.to_arrow(self, table)

    def to_pandas(self, table: str = "events") -> Any:
        """The same table as a pandas DataFrame."""
        return tables.to_pandas(self, table)


def analyse_text(
    text: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    id: str = "text",  # noqa: A002 - the contract's name for it
    html: bool = False,
    clean: bool = False,
    settings: Settings | None = None,
    **settings_fields: Any,
) -> Analysis:
    """Analyse one article given as a string.

    ``published`` (a date or YYYY-MM-DD) dates the events that the text dates relative to it
    ("on Tuesday") and chooses which post a listed person held. The text is analysed as given,
    so every offset indexes ``text`` itself; ``clean=True`` first cuts page furniture (menus,
    share lines, reader appeals) and metadata lines as for a ``.txt`` file, and ``html=True``
    reads the string as a web page. Settings are a :class:`Settings` or its fields as keywords
    (``people="my-people.yaml"``, ``min_confidence=0``)."""
    if not isinstance(text, str):
        raise TypeError(f"analyse_text() takes a str, not {type(text).__name__}")
    record = {"id": id, "html" if html else "text": text, "title": title, "url": url,
              "publisher": publisher, "published": _iso(published)}
    (result,) = run([record], _settings(settings, {**settings_fields, "raw": not clean}))
    return result


def run(
    inputs: Input | Iterable[Input],
    settings: Settings | None = None,
    **settings_fields: Any,
) -> Results:
    """Read and analyse every article of ``inputs``, in order.

    ``inputs`` is a file or directory (``str`` or ``Path``; the formats of the CLI: text, HTML,
    JSON Lines, RSS/Atom, WARC), a record (a mapping with ``text`` or ``html`` and optional
    ``id``, ``url``, ``title``, ``published``, ``publisher``, as a JSON Lines line), or an
    iterable of these, taken lazily (a generator of records is read as it goes). A path that
    does not exist raises ``FileNotFoundError``: before anything is read when ``inputs`` is a
    path, a record or a collection (list, tuple), when it is reached in a generator (to
    analyse a string of text, use :func:`analyse_text`).

    ``workers=N`` parses and extracts with N worker processes (each loads the model once;
    ``0``: one per core; the default 1 runs here), ``engine="ray"`` on a Ray cluster
    (``ray_address="auto"``; ``pip install 'eventwire[ray]'``): the same results, in order."""
    settings = _settings(settings, settings_fields)
    if isinstance(inputs, str | Path | Mapping | Collection):
        items: Iterable[Path | Mapping[str, Any]] = list(as_inputs(inputs))
        _check_paths(items)
    else:
        items = _checked_as_met(as_inputs(inputs))
    results = Results()
    for item in run_pipeline(items, settings):
        if isinstance(item, SkippedFile):
            results.skipped.append(item.path)
            continue
        for error in item.errors:
            log.warning("%s: %s: %s", item.document.source or item.document.id, error.stage,
                        error.message)
        results.append(Analysis.model_construct(**dict(item)))
    return results


def _check_paths(items: Iterable[Path | Mapping[str, Any]]) -> None:
    missing = [str(item) for item in items if isinstance(item, Path) and not item.exists()]
    if missing:
        raise FileNotFoundError(
            f"no such file or directory: {', '.join(missing)} (to analyse a string of text, "
            "use eventwire.analyse_text)")


def _checked_as_met(
    items: Iterable[Path | Mapping[str, Any]],
) -> Iterator[Path | Mapping[str, Any]]:
    for item in items:
        _check_paths([item])
        yield item


def _settings(settings: Settings | None, fields: dict[str, Any]) -> Settings:
    if settings is None:
        return Settings(**fields)
    if not fields:
        return settings
    return Settings(**{**settings.model_dump(), **fields})


def _iso(published: str | dt.date | None) -> str | None:
    if isinstance(published, dt.datetime):
        return published.date().isoformat()
    if isinstance(published, dt.date):
        return published.isoformat()
    return published
