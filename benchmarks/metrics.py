"""Body-text metric of the ScrapingHub article-extraction benchmark, written from its description.

The text of a page is split into tokens (maximal runs of Unicode word characters, ``\\w+``, case
kept), and the tokens into overlapping 4-token shingles; a text of fewer than 4 tokens is one
shorter shingle, an empty text has none. Shingles are counted as a multiset, so a paragraph
that appears twice in the prediction but once in the gold costs one false positive.

Per page, TP/FP/FN are shingle counts divided by their sum, so that long pages weigh no more
than short ones. Precision is averaged over the pages where the tool returned something (a page
with an empty prediction counts against recall only); recall is averaged over the pages whose
gold has text. F1 is the harmonic mean of the two macro averages. This is what the published
results (trafilatura 0.958 and so on) mean.

Run ``python benchmarks/metrics.py`` to run the self-checks.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageCounts:
    """Normalised shingle counts of one page: ``tp + fp + fn == 1`` unless both texts are empty."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        """Precision of this page; 1.0 when nothing was wrong, 0.0 when nothing was predicted."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The page's own F1 (for detail tables; the set-level F1 is not a mean of these)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_counts(gold: str, predicted: str) -> PageCounts:
    """Compare one predicted body with its gold body."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def aggregate(pages: Sequence[PageCounts]) -> Scores:
    """Macro precision and recall over pages, F1 as their harmonic mean."""
    precisions = [p.precision for p in pages if p.tp + p.fp > 0]
    recalls = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def f1_interval(pages: Sequence[PageCounts], rounds: int = 1000, seed: int = 0) -> float:
    """Half-width of a 95 % bootstrap interval of F1 (1.96 standard deviations), as published."""
    if len(pages) < 2:
        return 0.0
    rng = random.Random(seed)
    values = [aggregate(rng.choices(pages, k=len(pages))).f1 for _ in range(rounds)]
    return 1.96 * statistics.stdev(values)


def self_check() -> None:
    """Fail loudly if the metric does not behave as documented."""
    text = "Presiden Joko Widodo meresmikan bendungan baru di Jawa Tengah pada Senin pagi."
    same = aggregate([page_counts(text, text)])
    assert (same.precision, same.recall, same.f1) == (1.0, 1.0, 1.0), same
    disjoint = aggregate([page_counts(text, "Harga cabai naik tajam menjelang Lebaran tahun ini.")])
    assert (disjoint.precision, disjoint.recall, disjoint.f1) == (0.0, 0.0, 0.0), disjoint
    empty = page_counts(text, "")
    assert (empty.tp, empty.fp, empty.fn) == (0.0, 0.0, 1.0), empty
    # An empty prediction is left out of precision but costs recall.
    assert aggregate([page_counts(text, text), empty]) == Scores(1.0, 0.5, 2 / 3)
    # Punctuation and spacing do not matter, case does.
    assert page_counts("Satu, dua; tiga  empat!", "satu dua tiga empat").tp == 0.0
    assert page_counts("Satu, dua; tiga  empat!", "Satu dua\ntiga empat").f1 == 1.0
    # Shorter than a shingle: the whole text is one shingle.
    assert shingles("Dua kata") == Counter([("Dua", "kata")])
    # A duplicated paragraph is a false positive.
    doubled = page_counts(text, f"{text}\n{text}")
    assert 0 < doubled.precision < 1 and doubled.recall == 1.0, doubled


if __name__ == "__main__":
    self_check()
    print("metrics: self-checks passed")
