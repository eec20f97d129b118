"""Corpus commands of the ``eventwire`` CLI: ingest, actors, events, quotes, timeline, search,
export. Each reads or writes a DuckDB store (``--db``, default ``./eventwire.duckdb``)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.cli_support import (
    BatchSizeOption,
    ExitCode,
    UsageProblem,
    WorkersOption,
    check_inputs,
    input_files,
    load_settings,
)
from eventwire.ingest import SkippedFile
from eventwire.model import Result
from eventwire.query import Corpus, EventFilter, parse_period
from eventwire.ray_engine import check_ray
from eventwire.report import ProgressReport, progress_wanted, say
from eventwire.store import DEFAULT_DB, IngestReport, Store, ingest
from eventwire.store.export import ExportError, export, write_table
from eventwire.store.rows import is_storable

DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTWIRE_DB", help="DuckDB store file (EVENTWIRE_DB)")
]


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    gdelt = "gdelt"
    plover = "plover"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table, json, jsonl, csv or tsv")
]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=0, help="At most this many rows; 0: all of them")
]


def _open(db: Path) -> Corpus:
    corpus = Corpus(db)
    for notice in corpus.notices:
        say(notice)
    return corpus


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _limited(fetch: Callable[[int | None], list[dict[str, Any]]], limit: int) -> list[dict]:
    """At most ``limit`` rows (0: all), with a note on stderr when more rows matched."""
    if limit == 0:
        return fetch(None)
    rows = fetch(limit + 1)
    if len(rows) > limit:
        say(f"showing the first {limit} rows; more match (--limit N shows more, --limit 0 all)")
        rows = rows[:limit]
    return rows


def _emit(rows: list[dict[str, Any]] | dict[str, Any], fmt: Format, columns: list[str]) -> None:
    """Rows in ``fmt`` on stdout. ``columns`` are the table's; json, jsonl, csv and tsv write
    every field (nested values in csv and tsv as JSON text)."""
    items = rows if isinstance(rows, list) else [rows]
    out = sys.stdout
    if fmt is Format.json:
        out.write(json.dumps(rows, default=_plain, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.jsonl:
        for row in items:
            out.write(json.dumps(row, default=_plain, ensure_ascii=False) + "\n")
    elif fmt in (Format.csv, Format.tsv):
        names = list(dict.fromkeys(name for row in items for name in row)) or columns
        writer = csv.writer(out, delimiter="," if fmt is Format.csv else "\t",
                            lineterminator="\n")  # fmt: skip
        writer.writerow(names)
        for row in items:
            writer.writerow([_flat(row.get(name)) for name in names])
    else:
        table = Table(show_lines=False)
        for column in columns:
            table.add_column(column)
        for row in items:
            # Text, not markup: article text such as "[/b]" must show as written.
            table.add_row(*(Text(_cell(row.get(column))) for column in columns))
        Console(width=200).print(table)
    out.flush()


def _flat(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, default=_plain, ensure_ascii=False)
    return _plain(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return str(_plain(value))


def _period(value: str | None) -> str | None:
    """A --since/--until value checked when the options are read (exit 2 if malformed)."""
    if value is not None:
        try:
            parse_period(value)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None
    return value


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the ``eventwire`` app."""

    @app.command("ingest")
    def ingest_command(
        paths: Annotated[
            list[Path] | None,
            typer.Argument(help="Files or directories of articles; - is stdin"),
        ] = None,
        db: DbOption = DEFAULT_DB,
        actors: Annotated[
            list[Path] | None,
            typer.Option(
                "--actors",
                help="YAML file of actor overrides (format of samples/actors.yaml), repeatable: "
                "used by the analysis and kept as the corpus overrides; replaces "
                "EVENTWIRE_ACTORS",
            ),
        ] = None,
        model: Annotated[
            str | None, typer.Option("--model", envvar="EVENTWIRE_MODEL", help="spaCy pipeline")
        ] = None,
        retry_failed: Annotated[
            bool,
            typer.Option("--retry-failed",
                         help="Also read again every input the store records as failed"),
        ] = False,
        progress: Annotated[
            bool | None,
            typer.Option("--progress/--no-progress",
                         help="Progress on stderr: a bar on a terminal (the default there), a "
                         "line after each committed batch in a log"),
        ] = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress")] = False,
        min_confidence: Annotated[
            float | None,
            typer.Option("--min-confidence", min=0.0, max=1.0, envvar="EVENTWIRE_MIN_CONFIDENCE",
                         help="Store only events at least this confident (default 0.25)"),
        ] = None,
        workers: WorkersOption = 0,
        engine: Annotated[
            Engine,
            typer.Option("--engine", envvar="EVENTWIRE_ENGINE",
                         help="local (this machine, --workers) or ray (a Ray cluster; needs "
                         "pip install 'eventwire[ray]')"),
        ] = Engine.local,
        address: Annotated[
            str | None,
            typer.Option("--address", envvar="EVENTWIRE_RAY_ADDRESS",
                         help="With --engine ray: the cluster (auto: the running one; none: "
                         "start one on this machine)"),
        ] = None,
        ray_actors: Annotated[
            int | None,
            typer.Option("--ray-actors", min=1, envvar="EVENTWIRE_RAY_ACTORS",
                         help="With --engine ray: actors, each with its model (default: one "
                         "per CPU of the cluster)"),
        ] = None,
        batch_size: BatchSizeOption = None,
        parquet_out: Annotated[
            Path | None,
            typer.Option("--parquet-out", envvar="EVENTWIRE_PARQUET_OUT",
                         help="With --engine ray: also keep the analysed documents here as a "
                         "Parquet dataset (one row per document)"),
        ] = None,
    ) -> None:
        """Extract and store articles; inputs already stored are skipped, failed ones are
        tried again, so a stopped run (Ctrl-C) resumes where it stopped. Exit code 1 when an
        input failed (one line each on stderr)."""
        overrides: dict[str, object] = {"model": model} if model else {}
        overrides.update(workers=workers, engine=engine.value)
        if address is not None:
            overrides["ray_address"] = address
        if ray_actors is not None:
            overrides["ray_actors"] = ray_actors
        if batch_size is not None:
            overrides["batch_documents"] = batch_size
        if parquet_out is not None:
            if engine is not Engine.ray:
                raise UsageProblem("--parquet-out needs --engine ray")
            overrides["parquet_out"] = str(parquet_out)
        if engine is Engine.ray:
            check_ray()
        if min_confidence is not None:
            overrides["min_confidence"] = min_confidence
        if actors:
            overrides["actors"] = os.pathsep.join(str(p) for p in actors)
        settings = load_settings(**overrides)
        paths = list(paths or [])
        if not paths and not retry_failed:
            raise UsageProblem("no input: name files or directories, '-' for stdin, or "
                                   "--retry-failed")  # fmt: skip
        check_inputs(paths, settings)
        bar, log_lines = progress_wanted(progress, quiet)
        label = "ingest on Ray" if engine is Engine.ray else "ingest"
        shown = ProgressReport(input_files(paths), label, bar=bar, log_lines=log_lines,
                               workers=settings.worker_count() if engine is Engine.local else 1)

        def on_result(item: Result | SkippedFile) -> None:
            if isinstance(item, SkippedFile):
                shown.seen(item.shown)
                say(f"{item.shown}: skipped, {item.reason}")
                return
            shown.seen(item.document.source)
            if not is_storable(item):  # failed, or no text at all (undecodable)
                fatal = [e for e in item.errors if not e.notice] or item.errors
                reason = f"{fatal[0].stage}: {fatal[0].message}" if fatal else "read: no text"
                say(f"{item.document.source or item.document.id}: {reason}")

        def on_commit(report: IngestReport) -> None:
            shown.line(prefix=f"committed {report.done} inputs; ")

        with shown:
            report = ingest(
                paths, db, settings, actors_file=actors or None, on_commit=on_commit,
                on_result=on_result, retry_failed=retry_failed,
            )  # fmt: skip
            shown.finished()
        for source in report.not_retried:
            say(f"{source}: cannot be read again to retry it (gone, or stdin)")
        say(
            f"{report.stored} stored, {report.failed} failed, {report.already_known} already "
            f"in {db}" + (f", {report.skipped} skipped" if report.skipped else "")
        )
        if report.failed:
            by_stage = ", ".join(f"{stage} {count}" for stage, count in
                                 sorted(report.failed_by_stage.items()))  # fmt: skip
            say(f"failed by stage: {by_stage} (reasons in the store's failures table; "
                "they are tried again on the next ingest)")  # fmt: skip
        raise typer.Exit(ExitCode.DOCUMENTS_FAILED if report.failed else ExitCode.OK)

    @app.command("actors")
    def actors_command(
        name: Annotated[str | None, typer.Argument(help="Part of a name or alias")] = None,
        profile: Annotated[
            bool, typer.Option("--profile", help="Codes, aliases and counterparts of NAME")
        ] = False,
        db: DbOption = DEFAULT_DB,
        fmt: FormatOption = Format.table,
        limit: LimitOption = 50,
        uncoded: Annotated[
            bool, typer.Option("--uncoded", help="Only the most frequent actors without a code")
        ] = False,
    ) -> None:
        """Search corpus actors, or show one actor's profile. --uncoded lists the most frequent
        actors without a CAMEO code, to add to an --actors override file."""
        if profile and not name:
            raise UsageProblem("--profile needs a NAME")
        with _open(db) as corpus:
            if profile:
                found = corpus.actor_profile(name)
                if found is None:
                    say(f"no actor called {name!r}")
                    raise typer.Exit(ExitCode.DOCUMENTS_FAILED)
                if fmt is not Format.table:
                    _emit(found, fmt, [])
                    return
                _emit(found, fmt, ["name", "type", "code", "n_docs", "events", "aliases"])
                _emit(found["codes"], fmt, ["code", "first_seen", "last_seen", "n_docs", "origin"])
                _emit(found["counterparts"], fmt,
                      ["name", "events", "as_source", "as_target", "mean_goldstein"])  # fmt: skip
                return
            rows = _limited(lambda n: corpus.actors(name, n, uncoded=uncoded), limit)
        _emit(rows, fmt, ["name", "type", "code", "n_docs", "n_mentions", "aliases"])

    @app.command("events")
    def events_command(
        db: DbOption = DEFAULT_DB,
        fmt: FormatOption = Format.table,
        limit: LimitOption = 100,
        source: Annotated[str | None, typer.Option("--source")] = None,
        target: Annotated[str | None, typer.Option("--target")] = None,
        actor: Annotated[str | None, typer.Option("--actor", help="Source or target")] = None,
        type_: Annotated[
            str | None, typer.Option("--type", help="CAMEO code prefix or PLOVER category")
        ] = None,
        quad_class: Annotated[int | None, typer.Option("--quad-class", min=1, max=4)] = None,
        since: Annotated[
            str | None,
            typer.Option("--since", callback=_period,
                         help="YYYY[-MM[-DD]]; see the period rule above"),
        ] = None,
        until: Annotated[
            str | None,
            typer.Option("--until", callback=_period,
                         help="YYYY[-MM[-DD]]; see the period rule above"),
        ] = None,
        hedged: Annotated[bool | None, typer.Option("--hedged/--not-hedged")] = None,
        negated: Annotated[bool | None, typer.Option("--negated/--not-negated")] = None,
        publisher: Annotated[str | None, typer.Option("--publisher")] = None,
        min_confidence: Annotated[
            float | None,
            typer.Option("--min-confidence", min=0.0, max=1.0,
                         help="Only events whose most confident report reaches this"),
        ] = None,
        mentions: Annotated[
            bool, typer.Option("--mentions", help="Include every mention's evidence")
        ] = False,
        place: Annotated[
            str | None,
            typer.Option("--place", help="Where it happened: a place name (\"Kyiv\") or a country"
                         " (\"Ukraine\", \"UKR\": every place in it)"),
        ] = None,
    ) -> None:
        """Merged events with their counts of mentions, sources and articles.

        Dates are shown as reported: "2023" (year only), "2023-05" (month only) or a day.
        --since/--until keep events whose period overlaps the range: a "2023" event is
        kept by --since 2023-06 and by --until 2023-03, a day event only if its day is inside.
        """
        where = EventFilter(source, target, actor, type_, quad_class, since, until, hedged,
                            negated, publisher, min_confidence, place)  # fmt: skip
        with _open(db) as corpus:
            rows = _limited(lambda n: corpus.events(where, n, mentions=mentions), limit)
        columns = ["date", "source", "cameo", "plover", "target", "place", "goldstein",
                   "num_mentions", "num_sources", "num_articles", "doc", "trigger"]  # fmt: skip
        _emit(rows, fmt, columns)

    @app.command("quotes")
    def quotes_command(
        db: DbOption = DEFAULT_DB,
        fmt: FormatOption = Format.table,
        limit: LimitOption = 100,
        speaker: Annotated[str | None, typer.Option("--speaker", help="An actor's name")] = None,
        about: Annotated[str | None, typer.Option("--about")] = None,
        text: Annotated[str | None, typer.Option("--text", help="Words in the quote")] = None,
    ) -> None:
        """Attributed statements, by speaker, about an actor, or containing words."""
        with _open(db) as corpus:
            rows = _limited(lambda n: corpus.quotes(speaker, about, text, n), limit)
        _emit(rows, fmt, ["published", "speaker", "kind", "text", "doc"])

    @app.command("timeline")
    def timeline_command(
        source: Annotated[str, typer.Argument(help="Source actor name")],
        target: Annotated[str, typer.Argument(help="Target actor name")],
        db: DbOption = DEFAULT_DB,
        fmt: FormatOption = Format.table,
    ) -> None:
        """Events from SOURCE to TARGET per month: count, mean Goldstein, cooperation/conflict.

        Events dated only by a year are not assigned to a month: they form a row of their
        own, "2023 (year only)", listed before the months of that year.
        """
        with _open(db) as corpus:
            rows = corpus.timeline(source, target)
        columns = ["month", "events", "mean_goldstein", "cooperation", "conflict", "mentions"]
        _emit(rows, fmt, columns)

    @app.command("search")
    def search_command(
        text: Annotated[str, typer.Argument(help="Words to find in articles")],
        db: DbOption = DEFAULT_DB,
        fmt: FormatOption = Format.table,
        limit: LimitOption = 20,
    ) -> None:
        """Full-text search over stored articles, best matches first."""
        with _open(db) as corpus:
            rows = _limited(lambda n: corpus.search(text, n), limit)
        _emit(rows, fmt, ["score", "doc", "published", "publisher", "title", "duplicate_of"])

    @app.command("export")
    def export_command(
        out: Annotated[
            str, typer.Option("--out", "-o", help="Directory to write, or - for one table on "
                              "stdout (see --table)")
        ],
        db: DbOption = DEFAULT_DB,
        fmt: Annotated[
            ExportFormat, typer.Option("--format", "-f", help="parquet, csv, gdelt or plover")
        ] = ExportFormat.parquet,
        table: Annotated[
            str, typer.Option("--table", help="With --out -: the table to write (parquet/csv: "
                              "any store table; gdelt: events or mentions; plover: events)")
        ] = "events",
        force: Annotated[
            bool, typer.Option("--force", help="Overwrite files already in the directory")
        ] = False,
    ) -> None:
        """Write the store as Parquet or CSV tables, GDELT 2.0 files, or PLOVER JSON Lines."""
        with Store(db, read_only=True) as store:
            for notice in store.notices:
                say(notice)
            try:
                if out == "-":
                    write_table(store.con, fmt.value, table, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
                    return
                for path in export(store.con, fmt.value, Path(out), force=force):
                    say(f"wrote {path}")
            except ExportError as err:
                raise UsageProblem(str(err)) from None
