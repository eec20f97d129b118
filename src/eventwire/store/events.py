"""The same event reported by several articles becomes one event with all its mentions.

Mentions are the same event when they have the same corpus source actor, target actor, CAMEO
code, negation and hypothetical flag (a planned visit is not the visit), and their dates fall
in one window: within ``WINDOW_DAYS`` of the first mention of the event for day dates, the same
month for month dates, the same year for year dates. A mention without any date (none in the
text and no publication date) is an event of its own. The event id is derived from its earliest
mention, so it does not change when unrelated documents are added.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

WINDOW_DAYS = 3


def _parse(date: str | None) -> tuple[str, dt.date] | None:
    """(precision, first day) of a YYYY, YYYY-MM or YYYY-MM-DD date; None if there is none."""
    if not date:
        return None
    try:
        if len(date) == 4:
            return "year", dt.date(int(date), 1, 1)
        if len(date) == 7:
            return "month", dt.date(int(date[:4]), int(date[5:7]), 1)
        return "day", dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def event_id_for(mention_id: str) -> int:
    # 60 bits: a positive BIGINT, as GDELT's GlobalEventID is an integer.
    return int(hashlib.sha256(mention_id.encode("utf-8")).hexdigest()[:15], 16)


def group_mentions(
    rows: Iterable[tuple[str, str | None, str | None, str, bool, bool, str | None]],
) -> list[tuple[str, int, dt.date | None, str | None, str]]:
    """Rows (mention_id, source, target, cameo, negated, hypothetical, date) to
    (mention_id, event_id, event date, precision, first mention_id) rows."""
    keyed = []
    for mention_id, source, target, cameo, negated, hypothetical, date in rows:
        parsed = _parse(date)
        precision, day = parsed if parsed else (None, None)
        group = (source or "", target or "", cameo, bool(negated), bool(hypothetical),
                 precision or "")  # fmt: skip
        keyed.append((group, day or dt.date.min, mention_id, day, precision))
    keyed.sort()

    out: list[tuple[str, int, dt.date | None, str | None, str]] = []
    current_group = None
    start: dt.date | None = None
    event_id, first = 0, ""
    for group, _, mention_id, day, precision in keyed:
        if (
            group != current_group
            or precision is None
            or not _same_window(start, day, precision)
        ):
            current_group, start, first = group, day, mention_id
            event_id = event_id_for(mention_id)
        out.append((mention_id, event_id, start, precision, first))
    return out


def _same_window(start: dt.date | None, day: dt.date | None, precision: str) -> bool:
    if start is None or day is None:
        return False
    if precision == "day":
        return (day - start).days <= WINDOW_DAYS
    if precision == "month":
        return (day.year, day.month) == (start.year, start.month)
    return day.year == start.year
