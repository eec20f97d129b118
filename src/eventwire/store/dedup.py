"""Near-duplicate articles (syndicated wire copies) by MinHash LSH over word 3-shingles.

Documents whose estimated Jaccard similarity is at least the threshold are linked into groups;
in each group the earliest published document (then the smallest id) is the original and every
other member gets ``duplicate_of`` = the original. The grouping depends only on the documents,
not on the order they were stored in.

The LSH table is persisted as rows (document, band, key of the band's values), so a new
document is compared with the stored ones by a join on the band keys, without rebuilding the
table. Two documents are candidates when they share a band, as in datasketch's ``MinHashLSH``,
whose choice of bands :func:`lsh_bands` computes the same way; a pair is a near-duplicate when
its signatures agree on at least ``THRESHOLD`` of their values. The pairs found so far are
kept too; groups are the connected components of all pairs, recomputed each time (there are
few pairs).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

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
