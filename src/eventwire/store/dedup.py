"""Near-duplicate articles (syndicated wire copies) by MinHash LSH over word 3-shingles.

Documents whose estimated Jaccard similarity is at least the threshold are linked into groups;
in each group the earliest published document (then the smallest id) is the original and every
other member gets ``duplicate_of`` = the original. The grouping depends only on the documents,
not on the order they were stored in.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from eventwire.store.actors import _UnionFind
from eventwire.store.rows import NUM_PERM, SCHEME

THRESHOLD = 0.75  # estimated Jaccard of word 3-shingles above which two texts are copies
# LSH finds candidates at a lower similarity, so that pairs just above THRESHOLD are not missed
# (with 64 permutations an LSH tuned to 0.75 itself finds only about half of them).
CANDIDATE_THRESHOLD = 0.5


def find_duplicates(
    docs: Iterable[tuple[str, str | None, list[int] | np.ndarray]], threshold: float = THRESHOLD
) -> dict[str, str]:
    """``{doc_id: original_doc_id}`` for every document that copies another one."""
    signatures: dict[str, np.ndarray] = {}
    published: dict[str, str | None] = {}
    lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for doc_id, date, values in docs:
            signature = np.asarray(values, dtype=np.uint64)
            signatures[doc_id] = signature
            published[doc_id] = date
            session.insert(doc_id, _sketch(signature), check_duplication=False)

    groups = _UnionFind()
    for doc_id, signature in signatures.items():
        for other in lsh.query(_sketch(signature)):
            if other != doc_id and np.mean(signatures[other] == signature) >= threshold:
                groups.union(doc_id, other)

    members: dict[str, list[str]] = {}
    for doc_id in groups.parent:
        members.setdefault(groups.find(doc_id), []).append(doc_id)
    duplicates: dict[str, str] = {}
    for group in members.values():
        original = min(group, key=lambda d: (published[d] is None, published[d] or "", d))
        duplicates.update({d: original for d in group if d != original})
    return duplicates


def _sketch(signature: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=signature, scheme=SCHEME)
