"""What the command line shows people: readable summaries of results (rich tables), one-line
messages on stderr and the progress of long commands.

Text from articles (titles, names, quotes) is shown as rich ``Text``, never parsed as console
markup: an article containing ``[/b]`` or ``[/quote]`` must not break a table.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from eventwire.ingest.sources import shown_path
from eventwire.model import Result

__all__ = ["print_summary", "ProgressReport", "say", "STDERR"]

# The one console for messages on stderr; the progress bar draws through it, so a message
# printed while the bar is shown appears above the bar.
STDERR = Console(stderr=True, highlight=False, soft_wrap=True)


def say(message: str) -> None:
    """One line on stderr, ``eventwire: message``, never wrapped (logs keep one line per
    message at any width) and never read as markup."""
    STDERR.print(f"eventwire: {message}", markup=False, highlight=False, soft_wrap=True)


def _actor_names(result: Result) -> dict[str, str]:
    return {actor.id: actor.name for actor in result.actors}


def print_summary(results: Iterable[Result], console: Console) -> None:
    """One block per document: its actors, statements and events."""
    for result in results:
        doc = result.document
        heading = Text.assemble((doc.id, "bold"), "  ", doc.title or "")
        console.rule(heading)
        console.print(
            Text(
                f"published {doc.published or '?'} · {doc.publisher or 'publisher ?'} · "
                f"language {doc.language or '?'} · {len(doc.text):,} chars · "
                f"{len(doc.removed)} cut as boilerplate"
            )
        )
        for error in result.errors:
            console.print(Text(f"{error.stage}: {error.message}", style="red"))
        if result.actors:
            table = Table("id", "actor", "type", "code", "aliases", "mentions", title="Actors")
            for actor in result.actors:
                table.add_row(
                    *_texts(
                        actor.id,
                        actor.name,
                        actor.type,
                        actor.code or "",
                        ", ".join(actor.aliases[:4]),
                        str(len(actor.mentions)),
                    )
                )
            console.print(table)
        names = _actor_names(result)
        if result.quotes:
            table = Table("speaker", "kind", "cue", "via", "statement", title="Statements")
            for quote in result.quotes:
                table.add_row(
                    *_texts(
                        names.get(quote.speaker or "", "?"),
                        quote.kind + (" (hedged)" if quote.hedged else ""),
                        quote.cue.text if quote.cue else "",
                        ", ".join(names.get(v, v) for v in quote.via),
                        _short(quote.text),
                    )
                )
            console.print(table)
        if result.events:
            table = Table("date", "source", "event", "target", "evidence", title="Events")
            for event in result.events:
                flags = [f for f, on in (("neg", event.negated), ("hedged", event.hedged)) if on]
                table.add_row(
                    *_texts(
                        event.date or "?",
                        names.get(event.source or "", "?"),
                        f"{event.cameo} {event.plover or ''} {' '.join(flags)}".strip(),
                        names.get(event.target or "", "?"),
                        _short(doc.text[event.sentence.start : event.sentence.end]),
                    )
                )
            console.print(table)


def _texts(*values: str) -> list[Text]:
    return [Text(value) for value in values]


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class ProgressReport:
    """Progress of a long command over input files: a rich bar with the files done, the
    documents, their rate and the time left on a terminal; with ``log_lines`` (stderr is not a
    terminal but progress was asked for) one plain line at most every ``every`` seconds and
    at each :meth:`line`, so logs get progress without the bar's redraws.

    ``files`` are the input files in reading order, with their sizes; the bar advances by bytes,
    so one big file weighs more than many small ones. Results are matched to files by their
    ``source`` (``path`` or ``path:line`` for JSON Lines). Inside an uncompressed JSON Lines
    file the bar advances by lines (counted once when progress is shown), so one big file of
    articles has a rate and a time left too. ``workers`` (processes parsing) is shown with
    the rate."""

    def __init__(
        self, files: list[tuple[Path, int]], label: str, *, bar: bool, log_lines: bool,
        every: float = 10.0, workers: int = 1,
    ) -> None:  # fmt: skip
        self.label = label
        self.workers = workers
        self.bar = bar
        self.log_lines = log_lines and not bar
        self.every = every
        self.total_files = len(files)
        self.total_bytes = sum(size for _, size in files) or 1
        # keyed as sources are written (file names that are not UTF-8 escaped)
        self._index = {shown_path(path): number for number, (path, _) in enumerate(files)}
        self._done_bytes = [0]  # bytes of the files before file n
        for _, size in files:
            self._done_bytes.append(self._done_bytes[-1] + size)
        # lines of the JSON Lines files (by file number), for progress inside one
        self._lines = {number: lines for number, (path, _) in enumerate(files)
                       if (bar or log_lines) and (lines := _jsonl_lines(path))}  # fmt: skip
        self._partial = 0  # bytes of the file being read that are done
        self.documents = 0
        self.files_done = 0
        self.started = time.monotonic()
        self._last_line = self.started
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressReport:
        if self.bar:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[files]} files"),
                TextColumn("{task.fields[documents]} documents"),
                TextColumn("{task.fields[rate]}"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=STDERR,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(
                escape(self.label), total=self.total_bytes, **self._fields()
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _fields(self) -> dict[str, str]:
        return {
            "files": f"{self.files_done}/{self.total_files}",
            "documents": f"{self.documents:,}",
            "rate": f"{self.rate():.1f}/s" + (f" ({self.workers} workers)"
                                              if self.workers > 1 else ""),
        }

    def rate(self) -> float:
        """Documents per second so far."""
        return self.documents / max(time.monotonic() - self.started, 1e-6)

    def seen(self, source: str | None) -> None:
        """One more document (or failure) read from ``source``."""
        self.documents += 1
        number = self._file_of(source)
        if number is not None and number > self.files_done:
            self.files_done = number  # the files before it are finished
            self._partial = 0
        if number is not None and number == self.files_done and number in self._lines:
            line = source.rpartition(":")[2] if source else ""
            if line.isdigit():
                size = self._done_bytes[number + 1] - self._done_bytes[number]
                self._partial = size * min(int(line), self._lines[number]) // self._lines[number]
        self._update()

    def _completed(self) -> int:
        """Bytes of the input that are done."""
        return self._done_bytes[self.files_done] + (
            self._partial if self.files_done < self.total_files else 0)

    def finished(self) -> None:
        """Every input was read."""
        self.files_done = self.total_files
        self._update()

    def _file_of(self, source: str | None) -> int | None:
        if source is None:
            return None
        number = self._index.get(source)
        if number is None and ":" in source:
            number = self._index.get(source.rpartition(":")[0])
        return number

    def _update(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(
                self._task, completed=self._completed(), **self._fields()
            )
        elif self.log_lines and time.monotonic() - self._last_line >= self.every:
            self.line()

    def line(self, prefix: str = "") -> None:
        """One plain progress line (for logs), when progress is on and no bar is shown."""
        if not self.log_lines:
            return
        self._last_line = time.monotonic()
        say(f"{prefix}{self.label}: {self.summary()}")

    def summary(self) -> str:
        fraction = self._completed() / self.total_bytes
        elapsed = time.monotonic() - self.started
        left = elapsed * (1 - fraction) / fraction if fraction > 0 else math.inf
        eta = "unknown" if math.isinf(left) else _clock(left)
        workers = f" with {self.workers} workers" if self.workers > 1 else ""
        return (
            f"{self.files_done}/{self.total_files} files, {self.documents:,} documents, "
            f"{self.rate():.1f} documents/s{workers}, about {eta} left"
        )


def _jsonl_lines(path: Path) -> int:
    """Lines of an uncompressed JSON Lines file (0 for any other file, or if unreadable)."""
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        return 0
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0
    return lines + (last != b"\n")  # a last line without a line break is a line too


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def progress_wanted(progress: bool | None, quiet: bool) -> tuple[bool, bool]:
    """(bar, log_lines): a bar when stderr is a terminal, unless ``--quiet``; plain lines
    when ``--progress`` asks for progress on a stderr that is not a terminal (a log)."""
    if quiet or progress is False:
        return False, False
    terminal = STDERR.is_terminal and sys.stderr is not None and sys.stderr.isatty()
    return terminal, bool(progress) and not terminal
