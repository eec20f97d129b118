"""The body-size guard as a bare ASGI middleware, where the order in which a body arrives is
chosen by the test rather than by the network."""

from __future__ import annotations

import asyncio

from eventwire.serve.app import RequestLimits
from eventwire.serve.settings import ServeSettings

SCOPE = {"type": "http", "method": "POST", "path": "/api/ingest", "raw_path": b"/api/ingest",
         "query_string": b"", "headers": []}  # fmt: skip


async def _answer(pieces: list[bytes], limit: int) -> list[dict]:
    messages = [{"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1}
                for i, piece in enumerate(pieces)]  # fmt: skip
    received_after_the_body = []

    async def receive() -> dict:
        if messages:
            return messages.pop(0)
        # A client that has sent everything waits for the answer: it never hangs up first.
        received_after_the_body.append(True)
        await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def route(scope, receive, send) -> None:
        while (await receive()).get("more_body"):
            pass

    guard = RequestLimits(route, ServeSettings(max_request_bytes=limit))
    await asyncio.wait_for(guard(SCOPE, receive, send), timeout=5)
    assert not received_after_the_body
    return sent


def test_a_body_over_the_limit_in_its_last_piece_is_refused_without_waiting():
    sent = asyncio.run(_answer([b"y" * 60, b"y" * 60], limit=100))
    assert sent[0]["status"] == 413


def test_a_body_over_the_limit_before_its_end_is_drained_then_refused():
    sent = asyncio.run(_answer([b"y" * 60, b"y" * 60, b"y" * 60, b"y" * 10], limit=100))
    assert sent[0]["status"] == 413 and b"100 bytes" in sent[1]["body"]
