"""Near-duplicate articles (syndicated wire copies) by MinHash LSH over word 3-shingles.

Documents whose estimated Jaccard similarity is at least the threshold are linked into groups;
in each group the earliest published document (then the smallest id) is the original and every
other member gets ``duplicate_of`` = the original. The grouping depends only on the documents,
not on the order they were stored in.

The LSH table is persisted as rows (document, band, key of the band's values), so a new
document is compared with the stored ones through the band keys it shares with them, without
rebuilding the table. Two documents are candidates when they share a band, as in datasketch's
``MinHashLSH``, whose choice of bands :func:`lsh_bands` computes the same way; a pair is a
near-duplicate when its signatures agree on at least ``THRESHOLD`` of their values. Groups are
the connected components of the near-duplicate pairs.

Bounded work per document: a group needs one link to a new document, not all of them, so a new
document is compared, in each band bucket it falls in, with a few *representatives* of each
group found there (``PER_GROUP``, and at most ``PER_BUCKET`` in all: the first members of every
group, then the second ones...), never with all pairs of a bucket. A bucket shared by
thousands of documents (a templated story, boilerplate) thus costs a bounded number of
comparisons per new document, and memory does not grow with the square of a bucket. Below
those bounds the groups are exactly the components of all candidate pairs; above them a link is
missed only if a document matches none of its group's representatives in every bucket it
shares with the group (a real copy shares ~4 of the 14 bands with the article it copies).

The groups are stored as stars (``near_duplicates``: the group's smallest id, each other
member), a function of the groups alone, so the stored state stays the same whatever the
order and the batching of the runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from eventwire.store.actors import _UnionFind
from eventwire.store.rows import NUM_PERM

THRESHOLD = 0.75  # estimated Jaccard of word 3-shingles above which two texts are copies
# LSH finds candidates at a lower similarity, so that pairs just above THRESHOLD are not missed
# (with 64 permutations an LSH tuned to 0.75 itself finds only about half of them).
CANDIDATE_THRESHOLD = 0.5


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) for an LSH over ``num_perm`` values that finds pairs of Jaccard
    similarity ``threshold`` and more: the split whose false positives (pairs below the
    threshold that share a band) and false negatives (pairs above it that share none), each
    integrated over the similarity and weighted one half, add up to the least. This is the rule
    of datasketch's ``MinHashLSH`` (its ``_optimal_param``), computed here so that the store
    needs neither datasketch nor SciPy for two numbers.

    The probability that two signatures of similarity s share a band, 1 - (1 - s^r)^b, is a
    polynomial of degree at most ``num_perm``, so Gauss-Legendre quadrature with
    ``num_perm // 2 + 1`` nodes integrates it exactly (up to rounding).
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(low: float, high: float, bands: int, rows: int, collide: bool) -> float:
        s = (high - low) / 2 * nodes + (high + low) / 2
        shared = 1.0 - (1.0 - s**rows) ** bands
        return float((high - low) / 2 * np.dot(weights, shared if collide else 1.0 - shared))

    best, best_error = (0, 0), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = integral(0.0, threshold, bands, rows, collide=True)
            false_negative = integral(threshold, 1.0, bands, rows, collide=False)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best_error:
                best, best_error = (bands, rows), error
    return best


# 14 bands of 4 values for a 0.5 threshold over 64 values.
BANDS, ROWS = lsh_bands(CANDIDATE_THRESHOLD, NUM_PERM)
# Signature values (out of NUM_PERM) that must agree for a near-duplicate.
MIN_AGREEING = math.ceil(THRESHOLD * NUM_PERM)
_MIX = np.uint64(0x100000001B3)
# Representatives of one group in one band bucket, and of all groups in one bucket, that a new
# document is compared with (see the module's docstring).
PER_GROUP = 32
PER_BUCKET = 256


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


class Bucket:
    """The representatives of one band bucket: their signatures (a growing NumPy array), ids
    and how many each group has, a group being named by its current root in ``groups``."""

    def __init__(self, groups: _UnionFind, capacity: int) -> None:
        self.groups = groups
        self.signatures = np.empty((min(capacity, 8), NUM_PERM), dtype=np.uint64)
        self.ids: list[str] = []
        self.per_group: dict[str, int] = {}
        self.capacity = capacity

    def add(self, doc_id: str, signature: np.ndarray, per_group: int) -> None:
        """Keep ``doc_id`` as a representative, unless its group or the bucket has enough."""
        root = self.groups.find(doc_id)
        if self.per_group.get(root, 0) >= per_group or len(self.ids) >= self.capacity:
            return
        if len(self.ids) == len(self.signatures):
            grown = np.empty((min(2 * len(self.signatures), self.capacity), NUM_PERM), np.uint64)
            grown[: len(self.ids)] = self.signatures
            self.signatures = grown
        self.signatures[len(self.ids)] = signature
        self.ids.append(doc_id)
        self.per_group[root] = self.per_group.get(root, 0) + 1

    def link(self, doc_id: str, signature: np.ndarray) -> None:
        """Join ``doc_id`` to the group of every representative it is a near-duplicate of."""
        if not self.ids:
            return
        agreeing = (self.signatures[: len(self.ids)] == signature).sum(axis=1)
        matched = np.flatnonzero(agreeing >= MIN_AGREEING)
        if not len(matched):
            return
        roots = {self.groups.find(self.ids[i]) for i in matched} | {self.groups.find(doc_id)}
        for i in matched:
            self.groups.union(doc_id, self.ids[i])
        # the joined groups are one now: their representatives count together
        self.per_group[self.groups.find(doc_id)] = sum(self.per_group.pop(r, 0) for r in roots)


def link_new_documents(
    groups: _UnionFind,
    new_ids: Sequence[str],
    new_signatures: np.ndarray,
    stored: Iterable[tuple[int, int, str, str]],
    stored_signatures: dict[str, np.ndarray],
    per_group: int | None = None,
    per_bucket: int | None = None,
) -> None:
    """Join the new documents to their near-duplicates in ``groups``, a union-find over doc
    ids whose root is a group's smallest id.

    ``stored``: (band, key, group root, doc_id) of stored documents that represent their group
    in a band bucket of the new documents (at most ``per_group`` per group and ``per_bucket``
    per bucket, first members first), with their signatures in ``stored_signatures``. The new
    documents are compared with them and, in id order, with each other."""
    per_group = PER_GROUP if per_group is None else per_group
    per_bucket = PER_BUCKET if per_bucket is None else per_bucket
    stored_in: dict[tuple[int, int], list[str]] = {}
    for band, key, root, doc_id in stored:
        groups.union(root, doc_id)
        stored_in.setdefault((band, key), []).append(doc_id)
    keys = band_keys(new_signatures)
    arrivals: dict[tuple[int, int], list[int]] = {}
    for row in sorted(range(len(new_ids)), key=new_ids.__getitem__):
        for band, key in enumerate(keys[row].tolist()):
            arrivals.setdefault((band, key), []).append(row)
    for bucket_key, rows in arrivals.items():
        representatives = stored_in.pop(bucket_key, [])
        if not representatives and len(rows) == 1:  # alone in its bucket
            continue
        bucket = Bucket(groups, per_bucket)
        for doc_id in representatives:
            bucket.add(doc_id, stored_signatures[doc_id], per_group)
        for row in rows:
            bucket.link(new_ids[row], new_signatures[row])
            bucket.add(new_ids[row], new_signatures[row], per_group)


def star_changes(
    groups: _UnionFind, stored_roots: Iterable[str], new_ids: Iterable[str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """How the stored stars change after :func:`link_new_documents`: ``(relinked, joined)``,
    the stored group roots now in a group with a smaller root as (old root, new root), and the
    new documents now in a group as (root, document)."""
    relinked = [(old, root) for old in stored_roots if (root := groups.find(old)) != old]
    joined = [(root, doc_id) for doc_id in new_ids if (root := groups.find(doc_id)) != doc_id]
    return relinked, joined
