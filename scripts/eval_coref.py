"""Pronoun resolution against the gold coreference of the GUM Wikinews documents.

For every third-person personal pronoun (he, she, him, her, his) that the gold annotation puts
in an entity mentioned before it, check what eventwire's actor stage did: left it unresolved,
or linked it to an antecedent mention. A link is right when the antecedent's head word lies in
a gold mention of the pronoun's entity. Reports accuracy over resolved pronouns and coverage
(resolved / all), and writes the table to docs/evaluation.md under its own section.

Text is rebuilt from the CoNLL-U tokens (paragraphs from "# newpar", SpaceAfter for spacing),
so gold tokens map to character offsets in the text that eventwire reads.

Usage: python scripts/eval_coref.py [--no-write]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import EVALUATION, replace_section, shared_data_dir

REPO = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()
GUM_DEP = SHARED / "gum-wikinews" / "dep"
SECTION = "## Pronoun resolution (GUM Wikinews)"
PRONOUNS = {"he", "she", "him", "her", "his"}
_ENTITY = re.compile(r"\((\d+)-[^()]*\)?|(\d+)\)")


@dataclass
class GoldDoc:
    name: str
    text: str = ""
    tokens: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, form
    mentions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # entity -> spans


def read_conllu(path: Path) -> GoldDoc:
    """Text, token offsets and gold entity mentions (character spans) of one document."""
    doc = GoldDoc(path.stem)
    parts: list[str] = []
    offset = 0
    open_spans: dict[int, list[int]] = {}
    new_paragraph = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar"):
            new_paragraph = True
            continue
        if line.startswith("#") or not line.strip():
            if not line.strip() and parts and not parts[-1].endswith((" ", "\n")):
                parts.append(" ")  # sentence break inside a paragraph
                offset += 1
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        if new_paragraph and parts:
            while parts and parts[-1] == " ":
                parts.pop()
                offset -= 1
            parts.append("\n\n")
            offset += 2
        new_paragraph = False
        form, misc = cols[1], cols[9]
        start, end = offset, offset + len(form)
        parts.append(form)
        offset = end
        doc.tokens.append((start, end, form))
        entity = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
        for match in _ENTITY.finditer(entity):
            if match.group(1):
                number = int(match.group(1))
                if match.group(0).endswith(")"):
                    doc.mentions.setdefault(number, []).append((start, end))
                else:
                    open_spans.setdefault(number, []).append(start)
            else:
                number = int(match.group(2))
                if open_spans.get(number):
                    begin = open_spans[number].pop()
                    doc.mentions.setdefault(number, []).append((begin, end))
        if "SpaceAfter=No" not in misc:
            parts.append(" ")
            offset += 1
    doc.text = "".join(parts)
    return doc


def gold_entity(doc: GoldDoc, start: int, end: int) -> int | None:
    """The entity whose smallest mention is exactly this token."""
    for number, spans in doc.mentions.items():
        if (start, end) in spans:
            return number
    return None


def evaluate(docs: list[GoldDoc]) -> tuple[Counter, Counter]:
    from eventwire.nlp import load_pipeline
    from eventwire.settings import Settings

    nlp = load_pipeline(Settings().model)
    totals: Counter = Counter()
    by_form: Counter = Counter()
    for gold, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        links = {p.start_char: a for p, a in parsed._.coref_links or []}
        for start, end, form in gold.tokens:
            lower = form.lower()
            if lower not in PRONOUNS:
                continue
            entity = gold_entity(gold, start, end)
            if entity is None or not any(s < start for s, _ in gold.mentions[entity]):
                continue  # no antecedent in the gold: not an anaphor
            totals["pronouns"] += 1
            by_form[(lower, "all")] += 1
            antecedent = links.get(start)
            if antecedent is None:
                continue
            totals["resolved"] += 1
            by_form[(lower, "resolved")] += 1
            head = antecedent.root
            if any(s <= head.idx < e for s, e in gold.mentions[entity]):
                totals["correct"] += 1
                by_form[(lower, "correct")] += 1
    return totals, by_form


def table(totals: Counter, by_form: Counter, n_docs: int) -> str:
    def row(label: str, total: int, resolved: int, correct: int) -> str:
        accuracy = f"{correct / resolved:.1%}" if resolved else "-"
        coverage = f"{resolved / total:.1%}" if total else "-"
        return f"| {label} | {total} | {resolved} | {correct} | {accuracy} | {coverage} |"

    lines = [
        SECTION,
        "",
        f"Gold coreference of the {n_docs} GUM Wikinews documents (`scripts/eval_coref.py`). "
        "Counted: he/she/him/her/his whose gold entity is mentioned before them. A resolved "
        "pronoun is right when its antecedent's head word lies in a gold mention of the same "
        "entity. Pronouns inside quotation marks are left unresolved by design.",
        "",
        "| pronoun | anaphoric | resolved | right | accuracy (right/resolved) | coverage |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for form in sorted(PRONOUNS):
        lines.append(
            row(
                form,
                by_form[(form, "all")],
                by_form[(form, "resolved")],
                by_form[(form, "correct")],
            )
        )
    lines.append(row("**all**", totals["pronouns"], totals["resolved"], totals["correct"]))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not GUM_DEP.is_dir():
        print(f"GUM data not found at {GUM_DEP}; set EVENTWIRE_SHARED", file=sys.stderr)
        return 1
    docs = [read_conllu(path) for path in sorted(GUM_DEP.glob("*.conllu"))]
    totals, by_form = evaluate(docs)
    section = table(totals, by_form, len(docs))
    print(section)
    if not args.no_write:
        replace_section(EVALUATION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
