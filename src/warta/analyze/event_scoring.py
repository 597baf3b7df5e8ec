"""Scoring events against hand-annotated gold (tests/data/events-gold, guidelines in docs/events-annotation.md).

A gold event names its type, its sentence (a substring of the article body) and its actor. A
predicted body event *matches* a gold event of the same type when its trigger lies inside the
gold sentence; each gold and each predicted event is matched at most once. Precision and recall
are counted per type and overall; the actor is scored on matched events whose gold names one,
right when the names agree the way :func:`warta.analyze.quote_scoring.same_speaker` reads them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warta.analyze.quote_scoring import same_speaker
from warta.model import Event

__all__ = ["EventScore", "match_events", "score_events"]


@dataclass(frozen=True, slots=True)
class EventScore:
    gold: Counter[str]
    predicted: Counter[str]
    matched: Counter[str]
    actors_scored: int
    actors_right: int

    def precision(self, type_: str | None = None) -> float:
        p = self.predicted[type_] if type_ else sum(self.predicted.values())
        m = self.matched[type_] if type_ else sum(self.matched.values())
        return m / p if p else 0.0

    def recall(self, type_: str | None = None) -> float:
        g = self.gold[type_] if type_ else sum(self.gold.values())
        m = self.matched[type_] if type_ else sum(self.matched.values())
        return m / g if g else 0.0

    def f1(self, type_: str | None = None) -> float:
        p, r = self.precision(type_), self.recall(type_)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def actor_accuracy(self) -> float:
        return self.actors_right / self.actors_scored if self.actors_scored else 0.0


def match_events(text: str, gold: Sequence[Mapping[str, Any]], predicted: Sequence[Event]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: same type, the predicted trigger inside the gold sentence."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for g_index, item in enumerate(gold):
        start = text.find(item["sentence"])
        if start < 0:
            continue
        end = start + len(item["sentence"])
        for p_index, event in enumerate(predicted):
            if p_index not in used and event.type == item["type"] and start <= event.start < end:
                used.add(p_index)
                pairs.append((g_index, p_index))
                break
    return pairs


def score_events(articles: Sequence[tuple[str, Sequence[Mapping[str, Any]], Sequence[Event]]]) -> EventScore:
    """Score (body text, gold events, predicted events) per article; only body events are scored."""
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    scored = right = 0
    for text, gold_events, events in articles:
        body = [e for e in events if e.field == "body"]
        gold.update(g["type"] for g in gold_events)
        predicted.update(e.type for e in body)
        for g_index, p_index in match_events(text, gold_events, body):
            matched[body[p_index].type] += 1
            actor = gold_events[g_index].get("actor")
            if actor:
                scored += 1
                right += same_speaker(body[p_index].actor_name, actor)
    return EventScore(gold, predicted, matched, scored, right)
