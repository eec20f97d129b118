"""Data files written for eventwire: role nouns, places, cue verbs, event patterns, code tables.

Every stage reads them through these two functions, so they load the same way from a source
tree and from an installed wheel.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_text(name: str) -> str:
    """The text of the data file ``name`` (e.g. ``"cameo.tsv"``)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def load_yaml(name: str) -> Any:
    """The parsed YAML data file ``name`` (e.g. ``"roles.yaml"``)."""
    return yaml.safe_load(read_text(name))
