"""``eventwire ingest``: read inputs, skip those already stored, analyse the rest, store them.

Inputs are hashed before the expensive NLP, so a second run over the same files analyses
nothing. Results are committed in small batches, one transaction each, with ids derived from
content, so a run killed at any point and started again ends in the same store as a run that
was never interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from eventwire.ingest import SkippedFile, read_documents
from eventwire.model import Result
from eventwire.pipeline import analyse
from eventwire.settings import Settings
from eventwire.store.actors import Override
from eventwire.store.db import Store
from eventwire.store.rows import input_key, is_storable

COMMIT_EVERY = 8


@dataclass
class IngestReport:
    stored: int = 0
    failed: int = 0
    already_known: int = 0


def load_overrides(path: Path) -> list[Override]:
    """User actors from YAML: a list (or ``actors:`` list) of entries with ``name`` and
    optional ``aliases``, ``type``, ``country``, ``sector``, ``code`` and ``roles``
    (``code``, ``from``, ``until``)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not valid YAML: {err}") from None
    entries = data.get("actors", []) if isinstance(data, dict) else data
    overrides = []
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict) or not entry.get("name"):
            raise ValueError(f"{path}: every actor needs a 'name': {entry!r}")
        if any(not isinstance(r, dict) or "code" not in r for r in entry.get("roles") or []):
            raise ValueError(f"{path}: every role of {entry['name']} needs a 'code'")
        country, sector = entry.get("country"), entry.get("sector")
        roles = [
            {"code": str(r["code"]), "from": _date(r.get("from")), "until": _date(r.get("until"))}
            for r in entry.get("roles", []) or []
        ]
        overrides.append(
            Override(
                name=str(entry["name"]),
                aliases=[str(a) for a in entry.get("aliases", []) or []],
                type=entry.get("type"),
                country=country,
                sector=sector,
                code=entry.get("code") or ((country or "") + (sector or "") or None),
                roles=roles,
            )
        )
    return overrides


def _date(value: object) -> str | None:
    return None if value is None else str(value)  # YAML reads 2025-01-20 as a date


def ingest(
    paths: list[Path],
    db: Path,
    settings: Settings | None = None,
    actors_file: Path | None = None,
    on_commit: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store every input under ``paths`` that ``db`` does not hold yet; ``on_commit`` is called
    after each committed batch."""
    settings = settings or Settings()
    report = IngestReport()
    with Store(db) as store:
        if actors_file is not None:
            store.set_overrides(load_overrides(actors_file))
        known = store.known_keys()

        def fresh() -> Iterator[Result | SkippedFile]:
            for item in read_documents(paths, settings):
                key = input_key(item)
                if key in known:
                    report.already_known += 1
                    continue
                known.add(key)  # the same article twice in one run is stored once
                yield item

        batch: list[Result | SkippedFile] = []
        for item in analyse(fresh(), settings):
            batch.append(item)
            stored = is_storable(item)
            report.stored += stored
            report.failed += not stored
            if len(batch) >= COMMIT_EVERY:
                store.add(batch)
                batch = []
                if on_commit:
                    on_commit(report)
        store.add(batch)
        store.rebuild()
    return report
