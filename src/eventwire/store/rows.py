"""One ``Result`` to the rows of the per-document tables, with ids that depend only on content.

A document's store id comes from its content hash, and every other row id is the document id
plus the id the extractor gave the record ("doc-1a2b.../E3"), so re-running a document, or
running documents in another order, always produces the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from dataclasses import dataclass, field

import numpy as np

from eventwire.ingest import SkippedFile
from eventwire.model import Result, valid_event_date, valid_published

NUM_PERM = 64
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
# Random affine permutations h -> (a*h + b) mod p, fixed by the seed so signatures are stable.
_RANDOM = np.random.RandomState(1)
_A = _RANDOM.randint(1, 1 << 32, NUM_PERM, dtype=np.uint64)
_B = _RANDOM.randint(0, 1 << 32, NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x100000001B3)  # FNV-1 64-bit prime, to combine word hashes into shingles
SHINGLE_WORDS = 3

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "doc_id", "content_hash", "name", "url", "publisher", "title", "author", "published",
        "language", "source", "text", "notices", "minhash", "duplicate_of", "added",
    ),
    "doc_actors": (
        "doc_id", "local_id", "name", "type", "country", "sector", "code", "aliases", "mentions",
        "kb_id",
    ),
    "quotes": (
        "quote_id", "doc_id", "local_id", "text", "start", "end", "kind", "speaker_local",
        "speaker_start", "speaker_end", "speaker_text", "cue_start", "cue_end", "cue_text",
        "cue_lemma", "via", "hedged", "about_local",
    ),
    "mentions": (
        "mention_id", "doc_id", "local_id", "source_local", "target_local", "cameo",
        "cameo_root", "plover", "quad_class", "goldstein", "date", "date_basis", "hedged",
        "negated", "via", "quote_local", "sentence_start", "sentence_end", "trigger_start",
        "trigger_end", "trigger_text", "confidence", "hypothetical", "source_text",
        "target_text", "mode", "context", "place_name", "place_start", "place_end",
        "place_level", "place_resolved", "place_country", "place_adm1", "place_lat", "place_lon",
        "place_geonames_id", "place_basis",
    ),
    "failures": ("failure_id", "seq", "name", "source", "stage", "message"),
}  # fmt: skip


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def input_key(item: Result | SkippedFile) -> str:
    """The key an input is stored under, as document or as failure: the hash ingest computed
    from its bytes; else the hash of its text; else (nothing readable) of where it came from."""
    if isinstance(item, SkippedFile):
        return sha256(f"skipped:{item.shown}")
    document = item.document
    if document.content_hash:
        return document.content_hash
    if document.text:
        return sha256(document.text)
    return sha256(f"failed:{document.source}:{document.id}")


def is_storable(item: Result | SkippedFile) -> bool:
    """Whether the input is stored as a document (else it goes to the failures table)."""
    if isinstance(item, SkippedFile) or not item.document.text:
        return False
    return not item.failed


def _storable_published(value: str | None) -> str | None:
    """The guard of the store: a date the model would refuse (a Document built without
    validation) is stored as none, so the event dates computed from it cannot overflow."""
    try:
        return valid_published(value)
    except ValueError:
        return None


def doc_id_for(content_hash: str) -> str:
    return f"doc-{content_hash[:16]}"


def minhash_of(text: str) -> np.ndarray:
    """MinHash signature (NUM_PERM values) of the text's lower-cased word 3-shingles.

    Computed here with NumPy and CRC-32 rather than with datasketch's MinHash, which is several
    times slower per document (the LSH bands are in store.dedup). Each word is hashed once
    and a shingle's hash combines the hashes of its three words.
    """
    words = _WORD.findall(text.lower()) or [""]
    words += [""] * (SHINGLE_WORDS - len(words))
    hashes = np.fromiter(
        (zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words)
    )
    shingles = hashes[:-2] * _MIX
    shingles = (shingles ^ hashes[1:-1]) * _MIX  # wraps modulo 2**64, which is fine for hashing
    shingles = np.unique((shingles ^ hashes[2:]) & _MAX_HASH)
    permuted = (np.outer(shingles, _A) + _B) % _PRIME & _MAX_HASH
    return permuted.min(axis=0)


@dataclass
class RowBatch:
    """Row tuples for each per-document table (in TABLE_COLUMNS order), one result at a time."""

    rows: dict[str, list[tuple]] = field(
        default_factory=lambda: {table: [] for table in TABLE_COLUMNS}
    )
    count: int = 0
    # When the batch is added to the store (UTC, no zone): GDELT's DATEADDED of its events.
    added: dt.datetime = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    )

    def add_failure(self, item: Result | SkippedFile) -> None:
        key = input_key(item)
        if isinstance(item, SkippedFile):
            errors = [("read", f"skipped: {item.reason}")]
            name, source = item.shown, item.shown
        else:
            errors = [(e.stage, e.message) for e in item.errors] or [("read", "no text")]
            name, source = item.document.id, item.document.source
        for seq, (stage, message) in enumerate(errors):
            self._append("failures", (key, seq, name, source, stage, message))
        self.count += 1

    def add_document(self, result: Result, content_hash: str, minhash: np.ndarray) -> None:
        doc = result.document
        doc_id = doc_id_for(content_hash)
        notices = [f"{e.stage}: {e.message}" for e in result.errors]
        self._append(
            "documents",
            (doc_id, content_hash, doc.id, doc.url, doc.publisher, doc.title, doc.author,
             _storable_published(doc.published), doc.language, doc.source, doc.text, notices,
             minhash, None, self.added),
        )  # fmt: skip
        for actor in result.actors:
            mentions = [{"start": m.start, "end": m.end, "text": m.text} for m in actor.mentions]
            self._append(
                "doc_actors",
                (doc_id, actor.id, actor.name, actor.type, actor.country, actor.sector,
                 actor.code, list(actor.aliases), mentions, actor.kb_id),
            )  # fmt: skip
        for quote in result.quotes:
            who, cue = quote.speaker_mention, quote.cue
            self._append(
                "quotes",
                (f"{doc_id}/{quote.id}", doc_id, quote.id, quote.text, quote.start, quote.end,
                 quote.kind, quote.speaker,
                 who.start if who else None, who.end if who else None, who.text if who else None,
                 cue.start if cue else None, cue.end if cue else None, cue.text if cue else None,
                 cue.lemma if cue else None, list(quote.via), quote.hedged, list(quote.about)),
            )  # fmt: skip
        for event in result.events:
            place = event.place
            where = (
                (place.name, place.start, place.end, place.level, place.resolved, place.country,
                 place.adm1, place.lat, place.lon, place.geonames_id, place.basis)
                if place is not None else (None,) * 11
            )  # fmt: skip
            self._append(
                "mentions",
                (f"{doc_id}/{event.id}", doc_id, event.id, event.source, event.target,
                 event.cameo, event.cameo_root, event.plover, event.quad_class, event.goldstein,
                 valid_event_date(event.date), event.date_basis, event.hedged, event.negated,
                 list(event.via), event.quote, event.sentence.start, event.sentence.end,
                 event.trigger.start, event.trigger.end, event.trigger.text, event.confidence,
                 event.hypothetical, event.source_text, event.target_text, event.mode,
                 event.context, *where),
            )  # fmt: skip
        self.count += 1

    def _append(self, table: str, values: tuple) -> None:
        self.rows[table].append(values)
