"""Readable summaries of results for people at a terminal (rich tables)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from eventwire.model import Result


def _actor_names(result: Result) -> dict[str, str]:
    return {actor.id: actor.name for actor in result.actors}


def print_summary(results: Iterable[Result], console: Console) -> None:
    """One block per document: its actors, statements and events."""
    for result in results:
        doc = result.document
        console.rule(f"[bold]{doc.id}[/bold]  {doc.title or ''}")
        console.print(
            f"published {doc.published or '?'} · {doc.publisher or 'publisher ?'} · "
            f"language {doc.language or '?'} · {len(doc.text):,} chars · "
            f"{len(doc.removed)} cut as boilerplate"
        )
        for error in result.errors:
            console.print(f"[red]{error.stage}: {error.message}[/red]")
        if result.actors:
            table = Table("id", "actor", "type", "code", "aliases", "mentions", title="Actors")
            for actor in result.actors:
                table.add_row(
                    actor.id,
                    actor.name,
                    actor.type,
                    actor.code or "",
                    ", ".join(actor.aliases[:4]),
                    str(len(actor.mentions)),
                )
            console.print(table)
        names = _actor_names(result)
        if result.quotes:
            table = Table("speaker", "kind", "cue", "via", "statement", title="Statements")
            for quote in result.quotes:
                table.add_row(
                    names.get(quote.speaker or "", "?"),
                    quote.kind + (" (hedged)" if quote.hedged else ""),
                    quote.cue.text if quote.cue else "",
                    ", ".join(names.get(v, v) for v in quote.via),
                    _short(quote.text),
                )
            console.print(table)
        if result.events:
            table = Table("date", "source", "event", "target", "evidence", title="Events")
            for event in result.events:
                flags = [f for f, on in (("neg", event.negated), ("hedged", event.hedged)) if on]
                table.add_row(
                    event.date or "?",
                    names.get(event.source or "", "?"),
                    f"{event.cameo} {event.plover or ''} {' '.join(flags)}".strip(),
                    names.get(event.target or "", "?"),
                    _short(doc.text[event.sentence.start : event.sentence.end]),
                )
            console.print(table)


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
