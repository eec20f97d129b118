"""What ``eventwire serve`` may change: the run's :class:`Settings` plus the server's limits."""

from __future__ import annotations

from pydantic import Field

from eventwire.settings import Settings


class ServeSettings(Settings):
    """Every field can be set as ``EVENTWIRE_<NAME>`` in the environment, like the rest."""

    token: str = Field(
        "",
        description="Bearer token that POST /api/ingest requires (EVENTWIRE_TOKEN); ingest "
        "through the API also needs --allow-ingest.",
    )
    allow_ingest: bool = Field(False, description="Accept POST /api/ingest (with the token).")
    request_timeout: float = Field(
        10.0, gt=0, description="Seconds a query may run before it is interrupted (503)."
    )
    export_timeout: float = Field(
        300.0, gt=0, description="Seconds an export download may take to be written."
    )
    max_request_bytes: int = Field(
        5_000_000, gt=0, description="Largest request body accepted (413 above it)."
    )
    max_url_chars: int = Field(4096, gt=0, description="Longest request URL accepted (414).")
    max_page: int = Field(500, gt=0, description="Most rows one page of a list may hold.")
    query_threads: int = Field(
        1, ge=1,
        description="Threads DuckDB gives one query. Concurrent requests already keep the "
        "cores busy; splitting each small query over more threads cost about a third more "
        "CPU per request under load.",
    )
    worker_threads: int = Field(
        40, ge=1,
        description="Requests answered from the store at once (threads); the others wait "
        "their turn, while answers from the response cache are sent at once.",
    )
    response_cache: int = Field(
        4096, ge=0,
        description="JSON answers kept in memory, by URL, on a read-only server (the store "
        "cannot change under it); 0 turns the cache off. Answers over 1 MB are not kept.",
    )
