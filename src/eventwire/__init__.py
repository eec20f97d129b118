"""eventwire: who did or said what to whom, when, where, and according to whom, with evidence.

From Python (a notebook, a script)::

    import eventwire

    result = eventwire.analyse_text("Lavrov met Wang Yi in Beijing on Tuesday.",
                                    published="2024-05-14")
    result.to_pandas("events")        # one row per event, actor names joined
    results = eventwire.run("articles/")            # a path, a list of paths, or records
    results.to_pandas("quotes")

The names below are imported on first use, so ``import eventwire.query`` (the store's query API,
which only reads DuckDB) does not load spaCy. See ``docs/api.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "SCHEMA_VERSION": "eventwire.model",
    "Result": "eventwire.model",
    "Settings": "eventwire.settings",
    "analyse_text": "eventwire.api",
    "run": "eventwire.api",
    "Analysis": "eventwire.api",
    "Results": "eventwire.api",
    "Corpus": "eventwire.query",
    "EventFilter": "eventwire.query",
}

__all__ = ["SCHEMA_VERSION", "Analysis", "Corpus", "EventFilter", "Result", "Results",
           "Settings", "analyse_text", "run"]

if TYPE_CHECKING:
    from eventwire.api import Analysis, Results, analyse_text, run
    from eventwire.model import SCHEMA_VERSION, Result
    from eventwire.query import Corpus, EventFilter
    from eventwire.settings import Settings


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups do not come here again
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
