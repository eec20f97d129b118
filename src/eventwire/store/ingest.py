"""``eventwire ingest``: read inputs, skip those already stored, analyse the rest, store them.

Inputs are hashed before the expensive NLP, so a second run over the same files analyses
nothing. Results are committed in small batches, one transaction each, with ids derived from
content, so a run killed at any point and started again ends in the same store as a run that
was never interrupted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.ingest import SkippedFile, read_documents
from eventwire.model import Result
from eventwire.settings import Settings, split_paths
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
    """User actors from an override file (``samples/actors.yaml``): a list (or ``actors:``
    list) of entries with ``name`` and optional ``aliases``, ``type``, ``country``, ``sector``,
    ``code`` and ``roles`` (``code``, ``from``, ``until``), validated by
    :class:`eventwire.nlp.kb.ActorSpec`. Raises :class:`ValueError` with a one-line message."""
    from eventwire.nlp.kb import read_actor_file  # here: reading a store must not load spaCy

    overrides = []
    for spec in read_actor_file(path):
        roles = [
            {"code": r.code, "from": _date(r.start), "until": _date(r.until)} for r in spec.roles
        ]
        overrides.append(
            Override(
                name=spec.name,
                aliases=list(spec.aliases),
                type=spec.type,
                country=spec.country,
                sector=spec.sector,
                code=spec.code or ((spec.country or "") + (spec.sector or "") or None),
                roles=roles,
            )
        )
    return overrides


def _date(value: object) -> str | None:
    return None if value is None else str(value)  # a date as YYYY-MM-DD


def ingest(
    paths: list[Path],
    db: Path,
    settings: Settings | None = None,
    actors_file: Path | Sequence[Path] | None = None,
    on_commit: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store every input under ``paths`` that ``db`` does not hold yet; ``on_commit`` is called
    after each committed batch.

    The actor override files (``actors_file``, else ``settings.actors``) are used by the
    analysis (as ``settings.actors``) and replace the store's corpus overrides."""
    from eventwire.pipeline import analyse  # here: reading a store must not load spaCy

    settings = settings or Settings()
    report = IngestReport()
    if actors_file is None:
        files = [Path(p) for p in split_paths(settings.actors)]
    else:
        files = [actors_file] if isinstance(actors_file, str | Path) else list(actors_file)
        settings = settings.model_copy(update={"actors": os.pathsep.join(map(str, files))})
    with Store(db) as store:
        if files:
            store.set_overrides([o for f in files for o in load_overrides(f)])
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
