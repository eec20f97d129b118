"""What every benchmark and evaluation script shares: where the data is, how docs are updated.

Each script owns one or more ``## Title`` sections of ``docs/benchmarks.md`` or
``docs/evaluation.md`` and replaces only those, so scripts can be re-run in any order.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "docs" / "benchmarks.md"
EVALUATION = REPO / "docs" / "evaluation.md"
_HEADINGS = {BENCHMARKS: "# Benchmarks", EVALUATION: "# Evaluation"}


def shared_data_dir() -> Path:
    """The read-only evaluation data: ``$EVENTWIRE_SHARED``, else ``../shared/data``."""
    return Path(os.environ.get("EVENTWIRE_SHARED") or REPO.parent / "shared" / "data")


def replace_section(path: Path, section: str) -> None:
    """Put ``section`` (text starting with its ``## Title`` line) in place of the old one.

    A section runs to the next ``## `` heading; one not yet in the file is appended.
    """
    title = section.lstrip().split("\n", 1)[0].strip()
    if not title.startswith("## "):
        raise ValueError(f"a section starts with '## Title', not {title[:40]!r}")
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADINGS.get(path, "#") + "\n"
    body = section.strip("\n") + "\n\n"
    pattern = re.compile(rf"^{re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _match: body, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + body
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError if the block runs longer than ``seconds`` (Unix main thread only).

    Evaluation runs use it per document so that one pathological text is reported, not waited on.
    """

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
