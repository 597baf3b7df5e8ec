"""Entity-level exact-match scoring, conlleval style.

An entity counts as found only when its first token, last token and type all match the gold
one. Chunks are read the way conlleval reads them (``conll.label_spans``): a stray I- is an
entity, not an error. Precision, recall and F1 are micro averages over all entities, plus one row per type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from warta.lang.id.ner.conll import label_spans


@dataclass(slots=True)
class Counts:
    """True positives, predicted and gold entity counts, with P/R/F1."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(slots=True)
class Score:
    """Overall counts and counts per entity type."""

    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            **self.overall.to_dict(),
            "by_type": {kind: counts.to_dict() for kind, counts in sorted(self.by_type.items())},
        }


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> Score:
    """Score predicted tag sequences against gold ones (same sentences, same order)."""
    result = Score()
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(predicted_tags):
            raise ValueError(f"sentence length differs: {len(gold_tags)} gold tags, {len(predicted_tags)} predicted")
        g, p = set(label_spans(gold_tags)), set(label_spans(predicted_tags))
        for kind_set, attr in ((g, "gold"), (p, "predicted"), (g & p, "correct")):
            for _, _, kind in kind_set:
                for counts in (result.overall, result.by_type.setdefault(kind, Counts())):
                    setattr(counts, attr, getattr(counts, attr) + 1)
    return result
