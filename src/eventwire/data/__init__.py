"""Data files written for eventwire: role nouns, places, cue verbs, event patterns, code tables.

Every stage reads them through these functions, so they load the same way from a source tree
and from an installed wheel.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_text(name: str) -> str:
    """The text of the data file ``name`` (e.g. ``"cameo.tsv"``)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


# libyaml's parser when PyYAML was built with it (the wheels are): it parses the data files
# ~8 times faster than the pure-Python one, which every process pays at start-up. Both build
# the same objects, as both construct them with PyYAML's SafeConstructor.
SAFE_LOADER: type[yaml.SafeLoader] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader  # type: ignore[assignment]
)


class UniqueKeyConstruction:
    """A safe loader's construction that refuses a mapping with a key twice: in a word list
    edited by hand, the second entry would silently replace the first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _UniqueKeyLoader(UniqueKeyConstruction, SAFE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader (libyaml's when there is one) that refuses repeated keys."""


class _PureUniqueKeyLoader(UniqueKeyConstruction, yaml.SafeLoader):
    """The pure-Python safe loader that refuses repeated keys (PyYAML built without libyaml)."""


def unique_key_loader(libyaml: bool | None = None) -> type[yaml.SafeLoader]:
    """The loader :func:`parse_yaml` uses: libyaml's when ``libyaml`` is None (the default) and
    PyYAML has it, the pure-Python one when ``libyaml`` is False."""
    return _PureUniqueKeyLoader if libyaml is False else _UniqueKeyLoader


def parse_yaml(text: str, *, libyaml: bool | None = None) -> Any:
    """Parse YAML text of a data file (bundled or a user's), refusing repeated keys."""
    return yaml.load(text, Loader=unique_key_loader(libyaml))  # noqa: S506 (a safe loader)


def load_yaml(name: str) -> Any:
    """The parsed YAML data file ``name`` (e.g. ``"roles.yaml"``)."""
    return parse_yaml(read_text(name))
