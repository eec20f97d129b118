"""The ``eventwire`` command line.

Exit codes: 0 when every document was analysed; 1 when at least one document failed (its
``errors`` are in the output and a one-line message per failure is on stderr; the other documents
are complete); 2 for a usage error (a path that does not exist, a model that is not installed, an
actor or people file that cannot be used).
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire.corpus_cli import register as register_corpus_commands
from eventwire.model import Result
from eventwire.nlp import ModelNotFound
from eventwire.nlp.kb import KBError, check_actor_files, check_people_files
from eventwire.pipeline import SkippedFile, run
from eventwire.report import print_summary
from eventwire.serve.cli import register as register_serve_command
from eventwire.settings import Settings, split_paths

SCHEMA_FILE = Path(__file__).parent / "schema" / "eventwire-1.schema.json"

app = typer.Typer(
    help="Who did or said what to whom, when, and according to whom: evidence from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _warn(message: str) -> None:
    err_console.print(f"eventwire: {message}", markup=False, soft_wrap=True)


@app.callback()
def main() -> None:
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
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here, not stdout")] = None,
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
                     help="Output only events at least this confident (default 0.1; 0: all)"),
    ] = None,
    actors: Annotated[
        list[Path] | None,
        typer.Option(
            "--actors",
            help="YAML file of actor overrides (format of samples/actors.yaml), repeatable; "
            "replaces EVENTWIRE_ACTORS",
        ),
    ] = None,
) -> None:
    """Extract actors, statements and events from news articles, one JSON object per article."""
    overrides: dict[str, object] = {"raw": raw}
    if model:
        overrides["model"] = model
    if min_confidence is not None:
        overrides["min_confidence"] = min_confidence
    if actors:
        overrides["actors"] = os.pathsep.join(str(p) for p in actors)
    settings = Settings(**overrides)
    paths = paths or [Path("-")]
    missing = [str(p) for p in paths if str(p) != "-" and not p.exists()]
    missing += [p for p in (*split_paths(settings.actors), *split_paths(settings.people))
                if not Path(p).exists()]  # fmt: skip
    if missing:
        _warn(f"no such file or directory: {', '.join(missing)}")
        raise typer.Exit(2)
    check_user_files(settings)

    results: list[Result] = []
    failed = 0
    handle = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        for item in run(paths, settings):
            if isinstance(item, SkippedFile):
                _warn(f"{item.path}: skipped, not an article format (.txt .html .jsonl)")
                continue
            for error in item.errors:
                _warn(f"{item.document.source or item.document.id}: {error.stage}: {error.message}")
            failed += item.failed
            if output_format is OutputFormat.jsonl:
                handle.write(item.model_dump_json() + "\n")
                handle.flush()
            else:
                results.append(item)
        if output_format is OutputFormat.json:
            payload = [r.model_dump(mode="json") for r in results]
            document_or_list = payload[0] if len(payload) == 1 else payload
            json.dump(document_or_list, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        elif output_format is OutputFormat.table:
            print_summary(results, Console(file=handle, width=160))
    except (ModelNotFound, KBError) as err:
        _warn(str(err))
        raise typer.Exit(2) from None
    finally:
        if out:
            handle.close()
    if summary:
        print_summary(results, Console(stderr=out is None, width=160))
    raise typer.Exit(1 if failed else 0)


def check_user_files(settings: Settings) -> None:
    """Exit 2 with one line on stderr when an actor or people file of ``settings`` is not
    valid (checked before any document is read)."""
    try:
        check_actor_files(settings.actors)
        check_people_files(settings.people)
    except KBError as err:
        _warn(str(err))
        raise typer.Exit(2) from None


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one output object (eventwire/1)."""
    sys.stdout.write(SCHEMA_FILE.read_text(encoding="utf-8"))


register_corpus_commands(app)
register_serve_command(app)

if __name__ == "__main__":
    app()
