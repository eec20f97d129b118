"""The FastAPI app: JSON endpoints over :class:`eventwire.query.views.CorpusViews` and the
dashboard's static files.

Every request reads through a DuckDB cursor of its own whose query is interrupted after
``request_timeout`` seconds (503); bodies over ``max_request_bytes`` (413) and URLs over
``max_url_chars`` (414) are refused before any route runs; every value reaches SQL as a bound
parameter. Errors are one JSON line (``{"detail": ...}``), never a traceback.
"""

# No "from __future__ import annotations": FastAPI reads the routes' annotations, and
# some name types local to create_app (Reader, Limit).

import hmac
import json
import tempfile
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import anyio.to_thread
import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.query import EventFilter
from eventwire.query.views import CorpusViews
from eventwire.serve.settings import ServeSettings
from eventwire.store.export import OUTPUTS, ExportError, write_table

STATIC = Path(__file__).parent / "static"
# The dashboard runs only its own scripts: article text that reached the page as markup could
# not run even if it were ever inserted unescaped.
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
# Swagger UI's page starts itself with an inline script; it shows no article text.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
)
TEXT_FILTER = 200  # longest name, type, publisher or search text accepted (characters)


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    gdelt = "gdelt"
    plover = "plover"


_MEDIA_TYPES = {
    "parquet": "application/vnd.apache.parquet",
    "csv": "text/csv; charset=utf-8",
    "gdelt": "text/tab-separated-values; charset=utf-8",
    "plover": "application/x-ndjson",
}


class RequestLimits:
    """Pure ASGI middleware: refuses long URLs and large bodies before any route runs, and
    sets the security headers (the dashboard's content security policy among them)."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_chars = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if url_chars > self.settings.max_url_chars:
            await _refuse(send, 414, f"URL longer than {self.settings.max_url_chars} characters")
            return
        limit = self.settings.max_request_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _drain(receive, limit)
            await _refuse(send, 413, f"request body larger than {limit} bytes")
            return
        received = 0

        async def counted_receive() -> Message:
            # A body sent without a length (chunked) is counted as it arrives.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit, not message.get("more_body", False))
            return message

        docs = scope["path"].startswith("/docs")
        policy = (DOCS_CSP if docs else DASHBOARD_CSP).encode()

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"content-security-policy", policy),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except BodyTooLarge as err:
            if not err.body_complete:
                await _drain(receive, limit)
            await _refuse(send, 413, str(err))


class ResponseCache:
    """Pure ASGI middleware: a read-only server answers a repeated GET /api/ request (same
    path and query) from memory. A store opened read-only cannot change while it is served
    (DuckDB holds its lock), so a cached answer is never stale. Least recently used answers
    go first; downloads and answers over ``MAX_BYTES`` are not kept. ``x-cache`` says which."""

    MAX_BYTES = 1_000_000

    def __init__(self, app: ASGIApp, entries: int) -> None:
        self.app = app
        self.entries = entries
        self.answers: OrderedDict[bytes, tuple[list, bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope["method"] != "GET" or not self.entries
                or not path.startswith("/api/") or path.startswith("/api/export")):
            await self.app(scope, receive, send)
            return
        key = path.encode() + b"?" + (scope.get("query_string") or b"")
        hit = self.answers.get(key)
        if hit is not None:
            self.answers.move_to_end(key)
            headers, body = hit
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        status = 0
        headers: list = []
        parts: list[bytes] = []

        async def keeping_send(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
                message["headers"] = [*headers, (b"x-cache", b"miss")]
            elif message["type"] == "http.response.body" and status == 200:
                parts.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, headers, b"".join(parts))
            await send(message)

        await self.app(scope, receive, keeping_send)

    def _keep(self, key: bytes, headers: list, body: bytes) -> None:
        if len(body) > self.MAX_BYTES:
            return
        self.answers[key] = (headers, body)
        while len(self.answers) > self.entries:
            self.answers.popitem(last=False)


class BodyTooLarge(Exception):
    def __init__(self, limit: int, body_complete: bool) -> None:
        super().__init__(f"request body larger than {limit} bytes")
        # Whether the message over the limit was the body's last: then there is nothing
        # left to drain, and another receive() would wait for the client to hang up.
        self.body_complete = body_complete


async def _drain(receive: Receive, limit: int) -> None:
    # Read (and drop) what the client is still sending, up to a bound, so that closing the
    # connection does not reset it before the client has read the refusal.
    drained = 0
    while drained <= 4 * limit + 1_000_000:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
        drained += len(message.get("body", b""))


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def _page(request: Request, items: list[dict[str, Any]], limit: int, offset: int
          ) -> dict[str, Any]:
    """One page of a list, with the URL of the next page when there may be one."""
    following = None
    if len(items) == limit:
        following = str(request.url.include_query_params(offset=offset + limit))
        following = following[len(str(request.base_url)) - 1:]  # a path: /api/...?offset=
    return {"items": items, "limit": limit, "offset": offset, "next": following}


def create_app(db: Path | str, settings: ServeSettings | None = None) -> FastAPI:
    """The API and dashboard over the store ``db`` (read-only unless ``allow_ingest``)."""
    settings = settings or ServeSettings()
    corpus = CorpusViews(db, writable=settings.allow_ingest)
    if not settings.allow_ingest:  # an ingesting server keeps every thread for its rebuilds
        corpus.con.execute("SET GLOBAL threads = $1", [settings.query_threads])
    ingest_lock = threading.Lock()
    db_path = Path(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the thread pool that runs the routes (and their queries): anyio's default limiter
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        yield
        corpus.close()

    app = FastAPI(
        title="eventwire",
        summary="Who did or said what to whom, with the evidence: a news event corpus.",
        description="Read-only JSON over an eventwire store. Lists are pages (`limit`, "
        "`offset`, `next`); ids (`doc_id`, `event_id`, `actor_id`, `quote_id`) are stable "
        "across rebuilds of the same documents.",
        version="1",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    # Added last, RequestLimits runs first: limits and headers apply to cached answers too.
    cached = 0 if settings.allow_ingest else settings.response_cache
    app.add_middleware(ResponseCache, entries=cached)
    app.add_middleware(RequestLimits, settings=settings)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def reader() -> Iterator[CorpusViews]:
        view = corpus.reader(settings.request_timeout)
        try:
            yield view
        finally:
            view.close_reader()

    Reader = Annotated[CorpusViews, Depends(reader)]
    Limit = Annotated[int, Query(ge=1, le=settings.max_page, description="Rows per page")]
    Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]
    Text = Annotated[str | None, Query(max_length=TEXT_FILTER)]
    Name = Annotated[str, Query(min_length=1, max_length=TEXT_FILTER)]

    @app.exception_handler(duckdb.InterruptException)
    async def _interrupted(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(
            {"detail": f"query took longer than {settings.request_timeout:g} s"}, 503
        )

    @app.exception_handler(ValueError)
    async def _bad_value(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc).splitlines()[0]}, 422)

    @app.exception_handler(duckdb.Error)
    async def _store_error(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"store error: {str(exc).splitlines()[0]}"}, 500)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()
        ]
        return JSONResponse({"detail": "; ".join(problems)}, 422)

    # -- dashboard and docs ---------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )  # fmt: skip

    # -- API ------------------------------------------------------------------------------

    @app.get("/api/stats", tags=["corpus"])
    def stats(corpus: Reader) -> dict[str, Any]:
        """How many documents, actors, events and quotes the store holds."""
        return corpus.counts()

    @app.get("/api/documents", tags=["documents"])
    def documents(request: Request, corpus: Reader, limit: Limit = 50, offset: Offset = 0,
                  publisher: Text = None) -> dict[str, Any]:
        """Stored articles, newest first (``publisher``: ILIKE pattern)."""
        return _page(request, corpus.documents(publisher, limit, offset), limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def document(corpus: Reader, doc_id: Annotated[str, PathParam(max_length=100)]
                 ) -> dict[str, Any]:
        """One article: clean text, and its actors, quotes and events as offsets into it."""
        found = corpus.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @app.get("/api/actors", tags=["actors"])
    def actors(request: Request, corpus: Reader, q: Text = None, uncoded: bool = False,
               limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Actors whose name or an alias contains ``q``, most cited first."""
        return _page(request, corpus.actors(q, limit, uncoded=uncoded, offset=offset),
                     limit, offset)  # fmt: skip

    @app.get("/api/actors/{name}", tags=["actors"])
    def actor(corpus: Reader, name: Annotated[str, PathParam(max_length=TEXT_FILTER)]
              ) -> dict[str, Any]:
        """One actor by name or alias: codes with periods, aliases, knowledge-base entry, top
        counterparts, activity per month (events as source and target, statements), and
        their latest events and quotes."""
        profile = corpus.actor_profile(name)
        if profile is None:
            raise HTTPException(404, f"no actor called {name!r}")
        actor_id = profile["actor_id"]
        profile["kb"] = corpus.kb_entry(actor_id, settings)
        profile["activity"] = corpus.actor_activity(actor_id)
        profile["latest_events"] = corpus.events(actor=name, limit=20)
        profile["latest_quotes"] = corpus.quotes(speaker=name, limit=20)
        return profile

    @app.get("/api/events", tags=["events"])
    def events(
        request: Request, corpus: Reader, limit: Limit = 100, offset: Offset = 0,
        source: Text = None, target: Text = None,
        actor: Annotated[str | None, Query(max_length=TEXT_FILTER,
                                           description="Source or target")] = None,
        type: Annotated[str | None, Query(max_length=20, description=(
            "CAMEO code prefix (\"04\") or PLOVER category (\"CONSULT\")"))] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        since: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
        until: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
        hedged: bool | None = None, negated: bool | None = None, publisher: Text = None,
        min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
        place: Annotated[str | None, Query(max_length=TEXT_FILTER, description=(
            "A place name or a country (every place in it)"))] = None,
        mentions: Annotated[bool, Query(description="Every report's evidence")] = False,
    ) -> dict[str, Any]:
        """Merged events matching every filter given (those of ``eventwire events``), newest
        first, each with its first report's sentence."""
        where = EventFilter(source, target, actor, type, quad_class, since, until, hedged,
                            negated, publisher, min_confidence, place)  # fmt: skip
        rows = corpus.events(where, limit, mentions=mentions, offset=offset)
        return _page(request, rows, limit, offset)

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(corpus: Reader, event_id: Annotated[int, PathParam(ge=0, lt=2**63)]
              ) -> dict[str, Any]:
        """One event: codes, flags, date basis, confidence, place and every report of it."""
        found = corpus.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(request: Request, corpus: Reader, speaker: Text = None, about: Text = None,
               text: Text = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Attributed statements by ``speaker``, about ``about``, containing ``text``."""
        return _page(request, corpus.quotes(speaker, about, text, limit, offset), limit, offset)

    @app.get("/api/timeline", tags=["events"])
    def timeline(corpus: Reader, source: Name, target: Name) -> dict[str, Any]:
        """Per month, events from ``source`` to ``target`` and back: count, cooperation,
        conflict, mean Goldstein; year-only dates in rows "YYYY (year only)", undated last."""
        return {
            "source": source, "target": target,
            "source_known": bool(corpus.resolve(source)),
            "target_known": bool(corpus.resolve(target)),
            "forward": corpus.timeline(source, target),
            "backward": corpus.timeline(target, source),
        }  # fmt: skip

    @app.get("/api/timeline/events", tags=["events"])
    def timeline_events(
        request: Request, corpus: Reader, source: Name, target: Name,
        period: Annotated[str, Query(max_length=20, description=(
            "A timeline row: YYYY-MM, 'YYYY (year only)' or 'undated'"))],
        limit: Limit = 100, offset: Offset = 0,
    ) -> dict[str, Any]:
        """The events of one timeline row, from ``source`` to ``target``."""
        rows = corpus.dyad_events(source, target, period, limit, offset)
        return _page(request, rows, limit, offset)

    @app.get("/api/network", tags=["events"])
    def network(
        corpus: Reader,
        since: Annotated[str | None, Query(max_length=10)] = None,
        until: Annotated[str | None, Query(max_length=10)] = None,
        type: Annotated[str | None, Query(max_length=20)] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        actor: Text = None, publisher: Text = None,
        limit: Annotated[int, Query(ge=1, le=2000, description="Most edges")] = 300,
    ) -> dict[str, Any]:
        """Actors as nodes and, per source, target and QuadClass, event counts as edges (the
        largest ``limit``), among events matching the filters."""
        where = EventFilter(since=since, until=until, type=type, quad_class=quad_class,
                            actor=actor, publisher=publisher)  # fmt: skip
        return corpus.network(where, limit)

    @app.get("/api/search", tags=["corpus"])
    def search(corpus: Reader, q: Name, limit: Annotated[int, Query(ge=1, le=100)] = 10
               ) -> dict[str, Any]:
        """Articles (full-text, best first), actors (by name or alias) and quotes (by their
        words) matching ``q``."""
        return {
            "q": q,
            "documents": corpus.search(q, limit),
            "actors": corpus.actors(q, limit),
            "quotes": corpus.quotes(text=q, limit=limit),
        }

    @app.get("/api/export/{fmt}", tags=["exports"])
    def export(fmt: ExportFormat,
               table: Annotated[str, Query(max_length=40)] = "events") -> StreamingResponse:
        """One table of an export as a download: ``parquet`` or ``csv`` (any store table),
        ``gdelt`` (events or mentions, GDELT 2.0 columns) or ``plover`` (events)."""
        names = OUTPUTS[fmt.value]
        if table not in names:
            raise HTTPException(404, f"no table {table!r} in the {fmt.value} export: "
                                f"{', '.join(names)}")  # fmt: skip
        view = corpus.reader(settings.export_timeout)
        spool = tempfile.SpooledTemporaryFile(max_size=8_000_000)  # noqa: SIM115
        try:
            write_table(view.con, fmt.value, table, spool)
        except ExportError as err:
            spool.close()
            raise HTTPException(404, str(err)) from None
        except BaseException:
            spool.close()
            raise
        finally:
            view.close_reader()
        size = spool.tell()
        spool.seek(0)

        def chunks() -> Iterator[bytes]:
            while chunk := spool.read(1 << 16):
                yield chunk

        return StreamingResponse(
            chunks(), media_type=_MEDIA_TYPES[fmt.value],
            headers={"content-disposition": f'attachment; filename="{names[table]}"',
                     "content-length": str(size)},
            background=BackgroundTask(spool.close),
        )  # fmt: skip

    @app.post("/api/ingest", tags=["ingest"], status_code=200)
    async def ingest(request: Request) -> dict[str, Any]:
        """Analyse and store articles sent as JSON Lines (one object per line with ``id`` and
        ``text`` or ``html``, and optional ``url``, ``title``, ``published``, ``publisher``,
        ``author``). Needs ``--allow-ingest`` and ``Authorization: Bearer $EVENTWIRE_TOKEN``."""
        if not settings.allow_ingest:
            raise HTTPException(403, "this server is read-only (start it with --allow-ingest)")
        offered = request.headers.get("authorization", "")
        expected = f"Bearer {settings.token}"
        if not settings.token or not hmac.compare_digest(offered.encode(), expected.encode()):
            raise HTTPException(401, "a valid bearer token is required",
                                headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        body = await request.body()
        if not body.strip():
            raise HTTPException(422, "empty body: send JSON Lines, one article per line")
        return await run_in_threadpool(_ingest_lines, body, db_path, settings, ingest_lock)

    return app


def _ingest_lines(body: bytes, db: Path, settings: ServeSettings,
                  lock: threading.Lock) -> dict[str, Any]:
    from eventwire.store import ingest  # here: a read-only server never loads spaCy

    with tempfile.TemporaryDirectory(prefix="eventwire-ingest-") as folder:
        path = Path(folder) / "request.jsonl"
        path.write_bytes(body)
        with lock:
            report = ingest([path], db, settings)
    return {"stored": report.stored, "failed": report.failed,
            "already_known": report.already_known}  # fmt: skip
