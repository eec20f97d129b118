"""Item 1 of issue #11: the declared dependencies are the ones the code uses, stated so that
any pip >= 21 resolves a working set, and the LSH bands no longer need datasketch."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from eventwire.store.dedup import BANDS, ROWS, lsh_bands

ROOT = Path(__file__).resolve().parents[1]


def _dependencies() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {}
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)
        names[name.lower().replace("_", "-")] = requirement
    return names


def test_caps_that_old_resolvers_need_are_stated():
    deps = _dependencies()
    assert "<2" in deps["numpy"]
    assert "<0.3" in deps["py3langid"]
    assert "lxml-html-clean" in deps  # trafilatura's html_clean extra is not matched by old pip
    # spaCy 3.7 imports click, which typer no longer brings along
    assert "click" in deps


@pytest.mark.parametrize("unused", ["dateparser", "datasketch", "scipy"])
def test_unused_packages_are_not_dependencies(unused):
    assert unused not in _dependencies()
    imports = re.compile(rf"^\s*(from|import)\s+{unused}\b", re.M)
    for path in (ROOT / "src").rglob("*.py"):
        assert not imports.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize(
    ("threshold", "num_perm", "expected"),
    [  # what datasketch 2.0's MinHashLSH chose for these settings
        (0.3, 32, (12, 2)),
        (0.5, 64, (14, 4)),
        (0.75, 64, (7, 9)),
        (0.9, 128, (5, 25)),
        (0.5, 128, (25, 5)),
    ],
)
def test_lsh_bands_match_datasketch(threshold, num_perm, expected):
    assert lsh_bands(threshold, num_perm) == expected


def test_store_uses_fourteen_bands_of_four():
    assert (BANDS, ROWS) == (14, 4)
