"""The ``eventwire`` command line.

Every failure a user can cause or meet reaches them as one line on stderr and an exit code
from one table, :data:`eventwire.cli_support.EXIT_CODES` (the README's "Exit codes"
section), applied in one place: :class:`EventwireGroup` maps each stage's error type to its
code. No traceback reaches the user (``EVENTWIRE_DEBUG=1`` shows one for an internal error).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from eventwire import __version__
from eventwire.cli_support import (
    BatchSizeOption,
    ClickException,
    ExitCode,
    UsageProblem,
    WorkersOption,
    check_inputs,
    exit_code_of,
    input_files,
    load_settings,
    output_to,
)
from eventwire.corpus_cli import register as register_corpus_commands
from eventwire.model import Result
from eventwire.pipeline import SkippedFile, run
from eventwire.report import ProgressReport, print_summary, progress_wanted, say
from eventwire.serve.cli import register as register_serve_command
from eventwire.store import StoreError

SCHEMA_FILE = Path(__file__).parent / "schema" / "eventwire-1.schema.json"


def _message(err: BaseException) -> str:
    if isinstance(err, ClickException):
        return err.format_message()
    if isinstance(err, OSError) and not isinstance(err, StoreError):
        return f"{err.filename or 'output'}: {err.strerror or err}"
    return str(err) or type(err).__name__


# DuckDB's words for a query stopped by Ctrl-C, which it may raise in place of
# KeyboardInterrupt when the signal lands while a query runs (not its own time limit's)
_DUCKDB_INTERRUPTED = "Query interrupted"


def _user_interrupt(err: BaseException) -> bool:
    """Whether ``err`` is Ctrl-C seen by DuckDB while a query ran."""
    if not str(err).startswith(_DUCKDB_INTERRUPTED):
        return False
    import duckdb  # (only here: the command line starts without it)

    return isinstance(err, RuntimeError | duckdb.InterruptException)


class _OutputClosed(Exception):
    """stdout was closed by its reader (``| head``): carried past Typer, which would exit 1."""


class EventwireGroup(TyperGroup):
    """The command group with the one top-level error handler."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise _OutputClosed from err
            raise

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra: Any) -> Any:  # fmt: skip
        code = self._run(args, prog_name or "eventwire", complete_var, **extra)
        if not standalone_mode:
            return code
        sys.exit(code)

    def _run(self, args, prog_name, complete_var, **extra: Any) -> int:
        try:
            result = super().main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )
        except typer.Abort:
            say("interrupted")
            return ExitCode.INTERRUPTED
        except KeyboardInterrupt:
            say("interrupted")
            return ExitCode.INTERRUPTED
        except (_OutputClosed, BrokenPipeError):
            _silence_stdout()
            return ExitCode.OUTPUT_CLOSED
        except Exception as err:  # noqa: BLE001 - the one place errors become exit codes
            if _user_interrupt(err):
                say("interrupted")
                return ExitCode.INTERRUPTED
            code = exit_code_of(err)
            if code is ExitCode.INTERNAL:
                if os.environ.get("EVENTWIRE_DEBUG"):
                    raise
                say(f"internal error: {type(err).__name__}: {_message(err)} (a bug: please "
                    "report it; EVENTWIRE_DEBUG=1 shows the traceback)")  # fmt: skip
            else:
                if isinstance(err, OSError) and err.errno == errno.EPIPE:
                    _silence_stdout()
                    return ExitCode.OUTPUT_CLOSED
                say(_message(err))
            if isinstance(err, OSError) and err.errno == errno.ENOSPC:
                _silence_stdout()
            return code
        if result == 130:  # typer turns Ctrl-C inside a command into Exit(130)
            say("interrupted")
        return result if isinstance(result, int) else ExitCode.OK


def _silence_stdout() -> None:
    # The interpreter flushes stdout at exit; a closed pipe or a full disk would print one
    # more error there.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


app = typer.Typer(
    cls=EventwireGroup,
    help="Who did or said what to whom, when, and according to whom: evidence from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"eventwire {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_show_version, is_eager=True,
                     help="Print the version and exit"),
    ] = None,
) -> None:
    """eventwire: structured, evidence-linked news events."""


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or directories (.txt .html .jsonl, optionally .gz); - is stdin"),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json, jsonl or table")
    ] = OutputFormat.json,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write here, not stdout (replaced when the run ends)"),
    ] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="Use plain text exactly as given: no cleaning")
    ] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", envvar="EVENTWIRE_MODEL", help="Any installed spaCy pipeline"),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Also print a readable summary to the terminal")
    ] = False,
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence", min=0.0, max=1.0, envvar="EVENTWIRE_MIN_CONFIDENCE",
                     help="Output only events at least this confident (default 0.25; 0: all)"),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors",
            help="YAML file of actor overrides (format of samples/actors.yaml), repeatable; "
            "replaces EVENTWIRE_ACTORS",
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress",
                     help="Progress on stderr: a bar on a terminal (the default there), a line "
                     "every 10 s in a log"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress")] = False,
    workers: WorkersOption = 0,
    batch_size: BatchSizeOption = None,
) -> None:
    """Extract actors, statements and events from news articles, one JSON object per article."""
    overrides: dict[str, object] = {"raw": raw, "workers": workers}
    if batch_size is not None:
        overrides["batch_documents"] = batch_size
    if model:
        overrides["model"] = model
    if min_confidence is not None:
        overrides["min_confidence"] = min_confidence
    if actors:
        overrides["actors"] = os.pathsep.join(str(p) for p in actors)
    settings = load_settings(**overrides)
    if not paths:
        if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
            raise UsageProblem("no input: name files or directories, or pipe text into '-'")
        paths = [Path("-")]
    check_inputs(paths, settings)

    bar, log_lines = progress_wanted(progress, quiet)
    results: list[Result] = []
    failed = 0
    with (
        output_to(out) as handle,
        ProgressReport(input_files(paths), "extract", bar=bar, log_lines=log_lines,
                       workers=settings.worker_count()) as shown,
    ):
        for item in run(paths, settings):
            if isinstance(item, SkippedFile):
                shown.seen(item.shown)
                say(f"{item.shown}: skipped, {item.reason}")
                continue
            shown.seen(item.document.source)
            for error in item.errors:
                say(f"{item.document.source or item.document.id}: {error.stage}: {error.message}")
            # a document with no usable text (undecodable) was not analysed either
            failed += item.failed or not item.document.text
            if output_format is OutputFormat.jsonl:
                handle.write(item.model_dump_json() + "\n")
                handle.flush()
            else:
                results.append(item)
        shown.finished()
        if output_format is OutputFormat.json:
            payload = [r.model_dump(mode="json") for r in results]
            document_or_list = payload[0] if len(payload) == 1 else payload
            json.dump(document_or_list, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        elif output_format is OutputFormat.table:
            print_summary(results, Console(file=handle, width=160))
        handle.flush()
    if summary:
        print_summary(results, Console(stderr=out is None, width=160))
    raise typer.Exit(ExitCode.DOCUMENTS_FAILED if failed else ExitCode.OK)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one output object (eventwire/1)."""
    sys.stdout.write(SCHEMA_FILE.read_text(encoding="utf-8"))


register_corpus_commands(app)
register_serve_command(app)

if __name__ == "__main__":
    app()
