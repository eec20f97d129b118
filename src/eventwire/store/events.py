"""The same event reported by several articles becomes one event with all its mentions.

Mentions are the same event when they have the same corpus source actor, target actor, CAMEO
code, negation and hypothetical flag (a planned visit is not the visit), the same date
precision, and their dates fall in one window: within ``WINDOW_DAYS`` of the first mention of
the event for day dates, the same month for month dates, the same year for year dates. A
mention without any date (none in the text and no publication date) is an event of its own.
The event id is derived from its earliest mention, so it does not change when unrelated
documents are added.

Precision is part of the key on purpose: "in 2023 Putin visited Astana" may be the visit of
2023-05-14 or another one that year, and joining them would either claim a day the year-only
report never gave or hide a second visit. So a year-only mention merges only with year-only
mentions of the same year, a month-only one only with month-only ones of that month.

An event keeps the date text of its first mention ("2023", "2023-05", "2023-05-14"), its
precision, and the period it covers: the first day of that date and the last day covered by
any of its mentions (the 31st of December of a year, the last day of a month, the day itself).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from eventwire.model import valid_event_date

WINDOW_DAYS = 3


def _parse(date: str | None) -> tuple[str, dt.date] | None:
    """(precision, first day) of a YYYY, YYYY-MM or YYYY-MM-DD date; None if there is none."""
    if not valid_event_date(date):  # never year 9999: its last day would overflow
        return None
    try:
        if len(date) == 4:
            return "year", dt.date(int(date), 1, 1)
        if len(date) == 7:
            return "month", dt.date(int(date[:4]), int(date[5:7]), 1)
        return "day", dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def last_day(precision: str, first: dt.date) -> dt.date:
    """The last day of the period a date of this precision names."""
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        if (first.year, first.month) == (dt.MAXYEAR, 12):  # no "following month" to count back from
            return dt.date.max
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return first


def date_text(precision: str, first: dt.date) -> str:
    """The date as written at its precision: "2023", "2023-05" or "2023-05-14"."""
    return first.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]


EVENT_ID_BITS = 53  # exact in a double: R, Excel and JavaScript read GDELT ids as doubles


def event_id_for(mention_id: str) -> int:
    # The first 53 bits of the hash (schema migration 7 shifted older 60-bit ids the same way).
    return int(hashlib.sha256(mention_id.encode("utf-8")).hexdigest()[:15], 16) >> 7


GroupedMention = tuple[str, int, dt.date | None, str | None, str, str | None, dt.date | None]


def group_mentions(
    rows: Iterable[tuple[str, str | None, str | None, str, bool, bool, str | None]],
) -> list[GroupedMention]:
    """Rows (mention_id, source, target, cameo, negated, hypothetical, date) to
    (mention_id, event_id, event first day, precision, first mention_id, event date text,
    last day of this mention's period) rows."""
    keyed = []
    for mention_id, source, target, cameo, negated, hypothetical, date in rows:
        parsed = _parse(date)
        precision, day = parsed if parsed else (None, None)
        group = (source or "", target or "", cameo, bool(negated), bool(hypothetical),
                 precision or "")  # fmt: skip
        keyed.append((group, day or dt.date.min, mention_id, day, precision))
    keyed.sort()

    out: list[GroupedMention] = []
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
        if precision is None or start is None or day is None:
            out.append((mention_id, event_id, None, None, first, None, None))
        else:
            out.append((mention_id, event_id, start, precision, first,
                        date_text(precision, start), last_day(precision, day)))  # fmt: skip
    return out


def _same_window(start: dt.date | None, day: dt.date | None, precision: str) -> bool:
    if start is None or day is None:
        return False
    if precision == "day":
        return (day - start).days <= WINDOW_DAYS
    if precision == "month":
        return (day.year, day.month) == (start.year, start.month)
    return day.year == start.year
