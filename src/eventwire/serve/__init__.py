"""``eventwire serve``: the HTTP API and the dashboard over a corpus store.

Public entry: :func:`create_app` (a FastAPI app) and :func:`serve` (runs it with uvicorn). It
reads the store only through :mod:`eventwire.query` (and writes only through
:func:`eventwire.store.ingest`, when ingest is allowed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.serve.settings import ServeSettings

if TYPE_CHECKING:
    from eventwire.serve.app import create_app

__all__ = ["ServeSettings", "create_app", "serve"]


def __getattr__(name: str) -> Any:
    # FastAPI (0.4 s of imports) only when the app is made: the CLI imports this package to
    # register `eventwire serve`, and its extract and ingest commands (and the workers' loader
    # spawned from the `eventwire` script, which imports the CLI again) never serve
    if name == "create_app":
        from eventwire.serve.app import create_app

        return create_app
    raise AttributeError(f"module 'eventwire.serve' has no attribute {name!r}")


def serve(db: Path | str, host: str = "127.0.0.1", port: int = 8000,
          settings: ServeSettings | None = None) -> None:
    """Serve the store ``db`` until interrupted."""
    import uvicorn

    from eventwire.serve.app import create_app

    app = create_app(db, settings)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                limit_concurrency=200, timeout_keep_alive=5)
