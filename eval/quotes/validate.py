"""Check the hand-annotated attribution gold file against the Wikinews texts.

The texts are not stored in this repo (they live in ../shared/data, Wikinews CC BY 2.5), so the
gold file carries offsets, a short hash of each content span (``text_sha1``, the first 12 hex
digits of the SHA-1 of the span's UTF-8) and the short speaker and cue strings. This script
re-reads the texts at run time, checks every offset, and prints counts. Without the shared data
it still checks the record schema and skips the offset checks.

Usage: python eval/quotes/validate.py [GOLD_JSONL]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gum_wikinews.jsonl"
KINDS = {"direct", "indirect", "mixed"}
FIELDS = {
    "doc": str,
    "text_sha1": str,
    "start": int,
    "end": int,
    "kind": str,
    "speaker_is_pronoun": bool,
    "via": list,
    "hedged": bool,
}
NULLABLE = {
    "speaker": str,
    "speaker_start": int,
    "speaker_end": int,
    "speaker_name": str,
    "cue": str,
    "cue_start": int,
    "cue_end": int,
}
# Personal and possessive pronouns that can stand for a source ("he said", "his claim that").
SUBJECT_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}
PRONOUNS = SUBJECT_PRONOUNS | {"him", "her", "them", "his", "its", "their"}


def shared_data_dir() -> Path:
    """The read-only evaluation data: $EVENTWIRE_SHARED or ../shared/data next to the repo."""
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env)
    return HERE.parents[1] / ".." / "shared" / "data"


def load_texts() -> dict[str, str] | None:
    path = shared_data_dir() / "gum-wikinews" / "wikinews_gum_plain.jsonl"
    if not path.is_file():
        return None
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                doc = json.loads(line)
                texts[doc["id"]] = doc["text"]
    return texts


def schema_errors(rec: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    for key, typ in FIELDS.items():
        if not isinstance(rec.get(key), typ):
            errors.append(f"{key} missing or not {typ.__name__}")
    for key, typ in NULLABLE.items():
        if key not in rec:
            errors.append(f"{key} missing")
        elif rec[key] is not None and not isinstance(rec[key], typ):
            errors.append(f"{key} not {typ.__name__} or null")
    if errors:
        return errors
    if rec["kind"] not in KINDS:
        errors.append(f"bad kind {rec['kind']!r}")
    if not 0 <= rec["start"] < rec["end"]:
        errors.append("bad content offsets")
    for part in ("speaker", "cue"):
        values = (rec[part], rec[f"{part}_start"], rec[f"{part}_end"])
        if (values[0] is None) != (values[1] is None) or (values[1] is None) != (values[2] is None):
            errors.append(f"{part}: text and offsets must be all null or all set")
    speaker = rec["speaker"]
    if rec["speaker_is_pronoun"] != (speaker is not None and speaker.lower() in PRONOUNS):
        errors.append("speaker_is_pronoun disagrees with speaker")
    if not all(isinstance(v, str) for v in rec["via"]):
        errors.append("via must be a list of strings")
    return errors


def offset_errors(rec: dict[str, Any], text: str) -> list[str]:
    errors: list[str] = []
    content = text[rec["start"] : rec["end"]]
    if hashlib.sha1(content.encode("utf-8")).hexdigest()[:12] != rec["text_sha1"]:
        errors.append(f"content offsets give {content[:40]!r}, which does not match text_sha1")
    if content != content.strip():
        errors.append("content span has surrounding whitespace")
    spans = [
        ("speaker", "speaker_start", "speaker_end"),
        ("cue", "cue_start", "cue_end"),
    ]
    for key, start, end in spans:
        if rec[start] is None:
            continue
        got = text[rec[start] : rec[end]]
        if got != rec[key]:
            errors.append(f"{key} offsets give {got[:40]!r}, expected {rec[key][:40]!r}")
    return errors


def main(argv: list[str]) -> int:
    gold = Path(argv[1]) if len(argv) > 1 else GOLD
    records = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    texts = load_texts()
    if texts is None:
        print("shared gum-wikinews texts not found: checking schema only, skipping offsets")

    problems = 0
    seen: set[tuple[str, int, int]] = set()
    for number, rec in enumerate(records, 1):
        errors = schema_errors(rec)
        if not errors:
            key = (rec["doc"], rec["start"], rec["end"])
            if key in seen:
                errors.append("duplicate content span")
            seen.add(key)
            if texts is not None:
                if rec["doc"] not in texts:
                    errors.append(f"unknown doc {rec['doc']!r}")
                else:
                    errors.extend(offset_errors(rec, texts[rec["doc"]]))
        for error in errors:
            print(f"line {number} ({rec.get('doc')}): {error}")
        problems += len(errors)

    kinds = Counter(rec.get("kind") for rec in records)
    docs = Counter(rec.get("doc") for rec in records)
    print(
        f"records: {len(records)} in {len(docs)} docs"
        + (f" (of {len(texts)} texts)" if texts is not None else "")
    )
    print("by kind: " + ", ".join(f"{k}={kinds[k]}" for k in sorted(KINDS)))
    print(f"pronoun speakers: {sum(bool(r.get('speaker_is_pronoun')) for r in records)}")
    print(f"no local speaker: {sum(r.get('speaker') is None for r in records)}")
    print(f"no cue: {sum(r.get('cue') is None for r in records)}")
    print(f"hedged: {sum(bool(r.get('hedged')) for r in records)}")
    print(f"with via: {sum(bool(r.get('via')) for r in records)}")
    if texts is not None:
        for doc_id in sorted(texts):
            print(f"  {doc_id}: {docs.get(doc_id, 0)}")
    print("OK" if problems == 0 else f"{problems} problem(s)")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
