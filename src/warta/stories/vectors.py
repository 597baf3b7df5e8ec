"""Sparse TF-IDF vectors for story clustering, with document frequencies learnt online.

Articles arrive one at a time, so the IDF is the one of the stream so far: each article updates
the document frequencies and is then weighted against them. Weights are sublinear
(``1 + log tf``) times ``1 + log((N + 1) / (df + 1))`` (the smoothed IDF: the ``1 +`` keeps the
first articles of a stream, whose terms all have ``df == N``, from getting a zero vector), and
vectors are L2-normalised, so the dot product is the cosine.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]

# Words of two letters or more, digits left out: numbers (dates, money) are shared by unrelated
# same-day articles and differ between reports of one event as tolls are updated.
_WORD = re.compile(r"[^\W\d_]{2,}")


def words(text: str) -> list[str]:
    """The case-folded words of a text."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


def norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def normalized(v: Mapping[str, float]) -> Vector:
    length = norm(v)
    return {t: x / length for t, x in v.items()} if length else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (they need not be normalised)."""
    na, nb = norm(a), norm(b)
    return dot(a, b) / (na * nb) if na and nb else 0.0


class OnlineIdf:
    """Document frequencies of the stream so far, and TF-IDF vectors weighted by them."""

    def __init__(self) -> None:
        self.documents = 0
        self.df: Counter[str] = Counter()

    def observe(self, terms: Iterable[str]) -> None:
        """Count one more document containing ``terms``."""
        self.documents += 1
        self.df.update(set(terms))

    def vector(self, counts: Mapping[str, int | float]) -> Vector:
        """The normalised TF-IDF vector of a bag of terms (call :meth:`observe` on it first)."""
        n = self.documents
        weights = {
            t: (1.0 + math.log(c)) * (1.0 + math.log((n + 1) / (self.df.get(t, 0) + 1)))
            for t, c in counts.items()
            if c > 0
        }
        return normalized(weights)

    def add(self, counts: Mapping[str, int | float]) -> Vector:
        """Observe a document and return its vector."""
        self.observe(counts.keys())
        return self.vector(counts)
