"""``eventwire ingest``: read inputs, skip those already stored, analyse the rest, store them.

Inputs are hashed before the expensive NLP, so a second run over the same files analyses
nothing that was stored; inputs that failed are analysed again (a fixed setting or file may
now let them through), and ``retry_failed`` also re-reads every failed input the store
records. Results are committed in small batches, one transaction each, with ids derived from
content, so a run killed at any point and started again ends in the same store as a run that
was never interrupted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
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
    """What one ingest did: inputs stored, failed (recorded in the failures table with their
    reasons, and retried next time), already in the store, skipped as not an article format."""

    stored: int = 0
    failed: int = 0
    already_known: int = 0
    skipped: int = 0
    # failed inputs per stage ("read", "decode", "clean", "language", "nlp", "extract")
    failed_by_stage: dict[str, int] = field(default_factory=dict)
    # recorded failures that --retry-failed could not read again (file gone, stdin)
    not_retried: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.failed + self.skipped


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
    on_result: Callable[[Result | SkippedFile], None] | None = None,
    retry_failed: bool = False,
) -> IngestReport:
    """Store every input under ``paths`` that ``db`` does not hold yet; ``on_result`` sees each
    analysed input (stored, failed or skipped) and ``on_commit`` is called after each committed
    batch. With ``retry_failed`` the failed inputs the store records are read again too.

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
    with Store(db, reconnect_documents=settings.store_reconnect_documents) as store:
        if files:
            store.set_overrides([o for f in files for o in load_overrides(f)])
        known = store.known_keys()
        if retry_failed:
            paths = _with_failed_sources(paths, store.failed_sources(), report)

        def stored(key: str) -> bool:  # known before cleaning: a resumed run skips it cheaply
            if key in known:
                report.already_known += 1
                return True
            return False

        def fresh() -> Iterator[Result | SkippedFile]:
            for item in read_documents(paths, settings, skip=stored):
                key = input_key(item)
                if key in known:
                    report.already_known += 1
                    continue
                known.add(key)  # the same article twice in one run is stored once
                yield item

        batch: list[Result | SkippedFile] = []
        for item in analyse(fresh(), settings):
            batch.append(item)
            _count(report, item)
            if on_result:
                on_result(item)
            if len(batch) >= COMMIT_EVERY:
                store.add(batch)
                batch = []
                if on_commit:
                    on_commit(report)
        store.add(batch)
        store.rebuild()
    return report


def _count(report: IngestReport, item: Result | SkippedFile) -> None:
    if isinstance(item, SkippedFile):
        report.skipped += 1
    elif is_storable(item):
        report.stored += 1
    else:
        report.failed += 1
        # the failing stage: the first error that is not a notice (a notice rides along)
        fatal = [e.stage for e in item.errors if not e.notice] or [e.stage for e in item.errors]
        stage = fatal[0] if fatal else "read"
        report.failed_by_stage[stage] = report.failed_by_stage.get(stage, 0) + 1


def _with_failed_sources(
    paths: list[Path], sources: list[str], report: IngestReport
) -> list[Path]:
    """``paths`` plus the files the recorded failures came from (a JSONL line's whole file),
    each once; sources that cannot be read again are listed in ``report.not_retried``."""
    wanted = list(paths)
    seen = {_identity(p) for p in paths}
    for source in sources:
        path = Path(source)
        if not path.exists():
            head, colon, line = source.rpartition(":")
            path = Path(head) if colon and line.isdigit() else path
        if source == "stdin" or not path.exists():
            report.not_retried.append(source)
            continue
        identity = _identity(path)
        inside_given = any(str(parent) in seen for parent in Path(identity).parents)
        if identity not in seen and not inside_given:  # a given directory reads it already
            seen.add(identity)
            wanted.append(path)
    return wanted


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)
