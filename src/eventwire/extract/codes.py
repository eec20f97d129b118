"""The CAMEO code table (names, Goldstein values, QuadClass) and the CAMEO-to-PLOVER table.

Both are facts of the published codebooks, kept in our own TSV format in ``eventwire/data``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from eventwire.data import read_text


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    mode: str | None
    context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def _rows(name: str) -> list[dict[str, str]]:
    text = read_text(name)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code (roots, three- and four-digit) with its facts."""
    plover = {row["code"]: row for row in _rows("plover.tsv")}
    table = {}
    for row in _rows("cameo.tsv"):
        code = row["code"]
        # A root takes the PLOVER category of its "not specified" child (040 for 04).
        link = plover.get(code) or plover.get(code + "0") or {}
        table[code] = CameoCode(
            code=code,
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=link.get("event") or None,
            mode=link.get("mode") or None,
            context=link.get("context") or None,
        )
    return table


def lookup(code: str) -> CameoCode:
    """The facts of ``code``; an unknown four-digit code falls back to its three-digit parent."""
    table = cameo_table()
    while code not in table and len(code) > 2:
        code = code[:-1]
    return table[code]


def five_class(code: str | None) -> int:
    """The evaluation's five-class scheme: 1 statement/appeal, 2 verbal cooperation, 3 material
    cooperation, 4 verbal conflict (incl. 16 reduce relations), 5 material conflict; 0 = none."""
    if not code:
        return 0
    root = int(code[:2])
    if root <= 2:
        return 1
    if root <= 5:
        return 2
    if root <= 8:
        return 3
    if root <= 13 or root == 16:
        return 4
    return 5
