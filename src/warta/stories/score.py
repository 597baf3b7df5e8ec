"""B-cubed precision, recall and F1 of a clustering against a gold clustering.

For each item, precision is the share of its predicted cluster that shares its gold cluster, and
recall the share of its gold cluster that shares its predicted cluster; both are averaged over
items and F1 is their harmonic mean (Bagga and Baldwin 1998; Amigó et al. 2009). Unlike pair
counting, every item weighs the same whatever the size of its cluster.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    items: int

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "items": self.items}


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> BCubed:
    """Score ``predicted`` (item -> cluster) against ``gold`` (item -> cluster) over the gold's items."""
    items = sorted(gold)
    missing = [i for i in items if i not in predicted]
    if missing:
        raise ValueError(f"{len(missing)} gold items have no predicted cluster, e.g. {missing[0]!r}")
    if not items:
        return BCubed(0.0, 0.0, 0.0, 0)
    by_pred: dict[Hashable, set[str]] = defaultdict(set)
    by_gold: dict[Hashable, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        pred, true = by_pred[predicted[item]], by_gold[gold[item]]
        shared = len(pred & true)
        precision += shared / len(pred)
        recall += shared / len(true)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(items))
