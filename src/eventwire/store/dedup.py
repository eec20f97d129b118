"""Near-duplicate articles (syndicated wire copies) by MinHash LSH over word 3-shingles.

Documents whose estimated Jaccard similarity is at least the threshold are linked into groups;
in each group the earliest published document (then the smallest id) is the original and every
other member gets ``duplicate_of`` = the original. The grouping depends only on the documents,
not on the order they were stored in.

The LSH table is persisted as rows (document, band, key of the band's values), so a new
document is compared with the stored ones by a join on the band keys, without rebuilding the
table. Two documents are candidates when they share a band, exactly as in datasketch's
``MinHashLSH`` with the same bands; a pair is a near-duplicate when its signatures agree on at
least ``THRESHOLD`` of their values. The pairs found so far are kept too; groups are the
connected components of all pairs, recomputed each time (there are few pairs).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from datasketch import MinHashLSH

from eventwire.store.actors import _UnionFind
from eventwire.store.rows import NUM_PERM

THRESHOLD = 0.75  # estimated Jaccard of word 3-shingles above which two texts are copies
# LSH finds candidates at a lower similarity, so that pairs just above THRESHOLD are not missed
# (with 64 permutations an LSH tuned to 0.75 itself finds only about half of them).
CANDIDATE_THRESHOLD = 0.5
# Bands and rows per band that datasketch chooses for that threshold (14 bands of 4 values).
_LSH = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r
# Signature values (out of NUM_PERM) that must agree for a near-duplicate.
MIN_AGREEING = math.ceil(THRESHOLD * NUM_PERM)
_MIX = np.uint64(0x100000001B3)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(documents, BANDS) int64 keys: equal band values give equal keys. A rare collision of
    unequal bands only adds a candidate, which the similarity check then settles."""
    bands = signatures[:, : BANDS * ROWS].astype(np.uint64).reshape(-1, BANDS, ROWS)
    keys = np.zeros(bands.shape[:2], dtype=np.uint64)
    for row in range(ROWS):
        keys = (keys ^ bands[:, :, row]) * _MIX  # wraps modulo 2**64, as a hash should
    return keys.view(np.int64)


def originals(
    pairs: Iterable[tuple[str, str]], published: dict[str, str | None]
) -> dict[str, str]:
    """``{doc_id: original_doc_id}`` for every document of a near-duplicate group but its
    original (the earliest published, then the smallest id)."""
    groups = _UnionFind()
    for a, b in pairs:
        groups.union(a, b)
    members: dict[str, list[str]] = {}
    for doc_id in groups.parent:
        members.setdefault(groups.find(doc_id), []).append(doc_id)
    duplicates: dict[str, str] = {}
    for group in members.values():
        original = min(group, key=lambda d: (published[d] is None, published[d] or "", d))
        duplicates.update({d: original for d in group if d != original})
    return duplicates
