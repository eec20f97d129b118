"""``eventwire serve``: the HTTP API and the dashboard over a corpus store.

Public entry: :func:`create_app` (a FastAPI app) and :func:`serve` (runs it with uvicorn). It
reads the store only through :mod:`eventwire.query` (and writes only through
:func:`eventwire.store.ingest`, when ingest is allowed).
"""

from __future__ import annotations

from pathlib import Path

from eventwire.serve.app import create_app
from eventwire.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app", "serve"]


def serve(db: Path | str, host: str = "127.0.0.1", port: int = 8000,
          settings: ServeSettings | None = None) -> None:
    """Serve the store ``db`` until interrupted."""
    import uvicorn

    app = create_app(db, settings)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                limit_concurrency=200, timeout_keep_alive=5)
