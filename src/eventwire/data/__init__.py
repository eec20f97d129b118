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


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping with a key twice: in a word list edited by hand,
    the second entry would silently replace the first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str) -> Any:
    """Parse YAML text of a data file (bundled or a user's), refusing repeated keys."""
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a safe loader)


def load_yaml(name: str) -> Any:
    """The parsed YAML data file ``name`` (e.g. ``"roles.yaml"``)."""
    return parse_yaml(read_text(name))
