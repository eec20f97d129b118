"""What the event coder passes between its stages: :class:`Party` (one side of an event) and
:class:`Candidate` (a coded trigger with its parties and modality, before the gate makes
:class:`~eventwire.model.Event` records of it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

__all__ = ["Candidate", "Party"]


@dataclass(frozen=True)
class Party:
    """One side of an event: an actor when the actors stage has one, else the words used."""

    actor: str | None
    text: str
    named: bool
    token: Token

    @property
    def key(self) -> str:
        return self.actor or self.text.lower()


@dataclass
class Candidate:
    code: str
    trigger: Token
    start: int  # trigger span, token indices
    end: int
    sources: list[Party]
    targets: list[Party]
    match: str
    targetless_ok: bool = False
    symmetric: bool = False
    mutual: bool = False  # "attacked each other": every side acts on every other
    hypothetical: bool = False
    negated: bool = False
    hedged: bool = False
    aim: bool = False  # the stated aim of another act ("marched, demanding ...")
    alleged: bool = False  # what someone is accused or arrested for ("arrested for spying")
    subordinate: bool = False  # in a time clause beside the main news ("after X shot down")
    speculative: bool = False  # a modal or conditional act nobody reported: the writer's
    inferred: bool = False  # the target is not in the sentence: the doer's counterpart before
    quote: str | None = None
    via: list[str] = field(default_factory=list)
