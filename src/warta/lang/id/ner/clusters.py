"""Distributional word clusters for the NER tagger: words that occur in similar contexts share an id.

A word's cluster says "this behaves like a name / a verb / a place word" even for words the CRF
saw once or never under that spelling, which is what a small training set (about 10,000
sentences) lacks most. Because the clusters are computed on lower-cased text, they give the
lower-case NERP style something besides capitalisation to go on.

How they are built (``build_clusters``, training time only): a matrix of each word's left and
right neighbours among the most frequent words, weighted by positive pointwise mutual
information, reduced with a truncated SVD, rows normalised, then k-means at several sizes
(coarse to fine). The only text used is the train splits of the NER corpora (MIT licensed), so
the shipped table carries nothing from other sources.

Shipped as ``data/clusters.txt.gz``: a header line with the cluster counts, then one
``word<TAB>id<TAB>id...`` line per word.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from warta.lang.id.ner.lexicon import DATA

CLUSTERS_FILE = DATA / "clusters.txt.gz"

# Tuned on the held-out tenth of the train splits (docs/model-card.md): words seen fewer than
# MIN_COUNT times get no cluster (their contexts are too few to place them), contexts are the
# CONTEXTS most frequent words on either side, SVD keeps DIMENSIONS components.
MIN_COUNT = 3
CONTEXTS = 2000
DIMENSIONS = 100
SIZES = (32, 128, 512)


def _kmeans(points: npt.NDArray[np.float32], k: int, seed: int, iterations: int = 25) -> npt.NDArray[np.int64]:
    """Spherical k-means (rows are unit vectors): the cluster id of each row."""
    rng = np.random.default_rng(seed)
    k = min(k, len(points))
    centres = points[rng.choice(len(points), size=k, replace=False)].copy()
    assign = np.zeros(len(points), dtype=np.int64)
    for _ in range(iterations):
        assign = (points @ centres.T).argmax(axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, points)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-9))
    return assign


def build_clusters(sentences: Iterable[Sequence[str]], sizes: Sequence[int] = SIZES, seed: int = 0) -> dict[str, str]:
    """Lower-cased word -> its cluster ids joined by ``|`` (one per size, coarse first)."""
    lowered = [[t.lower() for t in s] for s in sentences]
    counts = Counter(t for s in lowered for t in s)
    words = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
    if len(words) < max(sizes):
        return {}
    row = {w: i for i, w in enumerate(words)}
    contexts = {w: i for i, (w, _) in enumerate(counts.most_common(CONTEXTS))}
    width = len(contexts) + 1  # the last column is the sentence edge
    matrix = np.zeros((len(words), 2 * width), dtype=np.float64)
    edge = width - 1
    for s in lowered:
        for i, word in enumerate(s):
            r = row.get(word)
            if r is None:
                continue
            left = contexts.get(s[i - 1], -1) if i > 0 else edge
            right = contexts.get(s[i + 1], -1) if i + 1 < len(s) else edge
            if left >= 0:
                matrix[r, left] += 1
            if right >= 0:
                matrix[r, width + right] += 1
    total = matrix.sum()
    expected = matrix.sum(axis=1, keepdims=True) * matrix.sum(axis=0, keepdims=True) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.maximum(np.log(matrix / np.maximum(expected, 1e-12)), 0.0)
    ppmi[~np.isfinite(ppmi)] = 0.0
    # Truncated SVD through the (contexts x contexts) Gram matrix: its top eigenvectors are the
    # right singular vectors, and projecting onto them gives U * S, far cheaper than a full SVD.
    _, eigenvectors = np.linalg.eigh(ppmi.T @ ppmi)
    vectors = (ppmi @ eigenvectors[:, ::-1][:, :DIMENSIONS]).astype(np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    ids = [_kmeans(vectors, k, seed + k) for k in sizes]
    return {w: "|".join(str(int(a[i])) for a in ids) for i, w in enumerate(words)}


def write_clusters(clusters: Mapping[str, str], path: Path, sizes: Sequence[int] = SIZES) -> None:
    """Write the table as gzip text, sorted so the file is reproducible."""
    lines = ["#\t" + "\t".join(map(str, sizes)) + "\n"]
    lines += [f"{w}\t{ids.replace('|', chr(9))}\n" for w, ids in sorted(clusters.items())]
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))


def load_clusters(path: Path = CLUSTERS_FILE) -> dict[str, str]:
    """The shipped table (empty when the file is missing: the tagger then runs without clusters)."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        word, _, ids = line.partition("\t")
        if word != "#":
            out[word] = ids.replace("\t", "|")
    return out
