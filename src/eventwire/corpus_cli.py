"""Corpus commands of the ``eventwire`` CLI: ingest, actors, events, quotes, timeline, search,
export. Each reads or writes a DuckDB store (``--db``, default ``./eventwire.duckdb``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire.nlp import ModelNotFound
from eventwire.nlp.kb import KBError, check_actor_files, check_people_files
from eventwire.query import Corpus, EventFilter
from eventwire.settings import Settings, split_paths
from eventwire.store import DEFAULT_DB, IngestReport, Store, ingest
from eventwire.store.export import ExportError, export, write_table

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file")]


class Format(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    gdelt = "gdelt"
    plover = "plover"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table or json")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="At most this many rows")]
_err = Console(stderr=True, highlight=False)


def _fail(message: str, code: int = 2) -> None:
    _err.print(f"eventwire: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


def _open(db: Path) -> Corpus:
    try:
        return Corpus(db)
    except FileNotFoundError as err:
        _fail(str(err))
        raise  # unreachable: _fail exits


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _emit(rows: list[dict[str, Any]] | dict[str, Any], fmt: Format, columns: list[str]) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, default=_plain, ensure_ascii=False, indent=2) + "\n")
        return
    items = rows if isinstance(rows, list) else [rows]
    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in items:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    Console(width=200).print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return str(_plain(value))


def _progress(report: IngestReport) -> None:
    _err.print(f"eventwire: committed {report.stored + report.failed} inputs", markup=False)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the ``eventwire`` app."""

    @app.command("ingest")
    def ingest_command(
        paths: Annotated[list[Path], typer.Argument(help="Files or directories of articles")],
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
        progress: Annotated[
            bool, typer.Option("--progress", help="A line on stderr after each committed batch")
        ] = False,
        min_confidence: Annotated[
            float | None,
            typer.Option("--min-confidence", min=0.0, max=1.0, envvar="EVENTWIRE_MIN_CONFIDENCE",
                         help="Store only events at least this confident (default 0.1)"),
        ] = None,
    ) -> None:
        """Extract and store articles; files already stored are skipped."""
        overrides: dict[str, object] = {"model": model} if model else {}
        if min_confidence is not None:
            overrides["min_confidence"] = min_confidence
        if actors:
            overrides["actors"] = os.pathsep.join(str(p) for p in actors)
        settings = Settings(**overrides)
        user_files = [
            Path(p) for p in (*split_paths(settings.actors), *split_paths(settings.people))
        ]
        missing = [str(p) for p in [*paths, *user_files] if not p.exists()]
        if missing:
            _fail(f"no such file or directory: {', '.join(missing)}")
        try:
            check_actor_files(settings.actors)
            check_people_files(settings.people)
        except KBError as err:
            _fail(str(err))
        try:
            report = ingest(
                paths, db, settings, actors_file=actors or None,
                on_commit=_progress if progress else None,
            )
        except ModelNotFound as err:
            _fail(str(err))
        except ValueError as err:
            _fail(str(err))
        _err.print(
            f"eventwire: {report.stored} stored, {report.failed} failed (see the failures "
            f"table), {report.already_known} already in {db}",
            markup=False,
        )

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
        with _open(db) as corpus:
            if profile:
                if not name:
                    _fail("--profile needs a NAME")
                found = corpus.actor_profile(name)
                if found is None:
                    _fail(f"no actor called {name!r}", 1)
                if fmt is Format.json:
                    _emit(found, fmt, [])
                    return
                _emit(found, fmt, ["name", "type", "code", "n_docs", "events", "aliases"])
                _emit(found["codes"], fmt, ["code", "first_seen", "last_seen", "n_docs", "origin"])
                _emit(found["counterparts"], fmt,
                      ["name", "events", "as_source", "as_target", "mean_goldstein"])  # fmt: skip
                return
            _emit(corpus.actors(name, limit, uncoded=uncoded), fmt,
                  ["name", "type", "code", "n_docs", "n_mentions", "aliases"])  # fmt: skip

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
            str | None, typer.Option("--since", help="YYYY[-MM[-DD]]; see the period rule above")
        ] = None,
        until: Annotated[
            str | None, typer.Option("--until", help="YYYY[-MM[-DD]]; see the period rule above")
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
            rows = corpus.events(where, limit, mentions=mentions)
        columns = ["date", "source", "cameo", "plover", "target", "place", "goldstein",
                   "num_mentions", "num_sources", "num_articles", "doc", "trigger"]  # fmt: skip
        _emit(rows, fmt, columns)

    @app.command("quotes")
    def quotes_command(
        db: DbOption = DEFAULT_DB,
        fmt: FormatOption = Format.table,
        limit: LimitOption = 100,
        speaker: Annotated[str | None, typer.Option("--speaker")] = None,
        about: Annotated[str | None, typer.Option("--about")] = None,
        text: Annotated[str | None, typer.Option("--text", help="Words in the quote")] = None,
    ) -> None:
        """Attributed statements, by speaker, about an actor, or containing words."""
        with _open(db) as corpus:
            rows = corpus.quotes(speaker, about, text, limit)
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
            rows = corpus.search(text, limit)
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
        if not db.exists():
            _fail(f"no store at {db}; run 'eventwire ingest' first")
        with Store(db, read_only=True) as store:
            try:
                if out == "-":
                    write_table(store.con, fmt.value, table, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
                    return
                for path in export(store.con, fmt.value, Path(out), force=force):
                    _err.print(f"eventwire: wrote {path}", markup=False)
            except ExportError as err:
                _fail(str(err))
            except BrokenPipeError:
                # the reader stopped early ("| head"): nothing is wrong, nothing more to say
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except OSError as err:
                _fail(f"cannot write {err.filename or out}: {err.strerror or err}", 1)
