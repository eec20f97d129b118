"""The ``eventwire serve`` command (registered by :mod:`eventwire.cli`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire.store import DEFAULT_DB

_err = Console(stderr=True, highlight=False)


def _fail(message: str) -> None:
    _err.print(f"eventwire: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``eventwire`` app."""

    @app.command("serve")
    def serve_command(
        db: Annotated[Path, typer.Option("--db", help="DuckDB store file")] = DEFAULT_DB,
        host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
        allow_ingest: Annotated[
            bool,
            typer.Option("--allow-ingest", help="Accept POST /api/ingest with the bearer token "
                         "EVENTWIRE_TOKEN (the store is then opened for writing)"),
        ] = False,
    ) -> None:
        """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard over a store."""
        from eventwire.serve import ServeSettings, serve

        if not db.exists():
            _fail(f"no store at {db}; run 'eventwire ingest' first")
        settings = ServeSettings(allow_ingest=allow_ingest)
        if allow_ingest and not settings.token:
            _fail("--allow-ingest needs a bearer token in EVENTWIRE_TOKEN")
        where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        _err.print(f"eventwire: dashboard at {where} (API docs at {where}docs); Ctrl-C stops",
                   markup=False, soft_wrap=True)  # fmt: skip
        try:
            serve(db, host, port, settings)
        except OSError as err:
            _fail(f"cannot serve on {host}:{port}: {err.strerror or err}")
