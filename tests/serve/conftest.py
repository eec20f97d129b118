"""Fixtures of the HTTP API and dashboard tests: a store of the bundled samples (analysed once
per test session) plus one hand-written article full of markup, and servers over it on free
loopback ports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.serve import ServeSettings, create_app
from eventwire.settings import Settings
from eventwire.store import Store, ingest
from tests.conftest import REPO, SAMPLES
from tests.test_store import make_result

# An article whose text is markup: the dashboard must show it as text and never run it.
MARKUP_TEXT = (
    "Mallory Vance accused Harbour Council of hiding <script>window.__pwned = 1</script> in "
    "its minutes. Vance said <img src=x onerror=\"window.__pwned = 2\"> proved it."
)
MARKUP_TITLE = "<b>Council</b> minutes <script>window.__pwned = 3</script>"


def markup_article():
    result = make_result(
        "markup-article", MARKUP_TEXT, published="2024-01-05", publisher="Test <i>Wire</i>",
        actors=[("A1", "Mallory Vance", "person", "USAGOV", ["Vance"]),
                ("A2", "Harbour Council", "organization", "USAGOV")],
        events=[("E1", "A1", "A2", "112", "accused")],
        quotes=[("Q1", "A1", "<img src=x onerror=\"window.__pwned = 2\"> proved it")],
    )  # fmt: skip
    result.document.title = MARKUP_TITLE
    return result


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The samples as `make demo` stores them, plus the markup article."""
    db = tmp_path_factory.mktemp("serve") / "samples.duckdb"
    ingest([SAMPLES], db, Settings(), actors_file=REPO / "samples" / "actors.yaml")
    with Store(db) as store:
        store.add([markup_article()])
        store.rebuild()
    return db


class LiveServer:
    """An app served by uvicorn in a thread on a free loopback port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()


def serve_app(db: Path, **settings: object) -> LiveServer:
    return LiveServer(create_app(db, ServeSettings(**settings)))


@pytest.fixture(scope="session")
def live(sample_db: Path) -> Iterator[LiveServer]:
    """A read-only server over the sample store."""
    with serve_app(sample_db) as server:
        yield server
