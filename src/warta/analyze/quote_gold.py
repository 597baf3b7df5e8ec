"""Scoring quotes against the hand-annotated gold of the bundled pages (tests/data/quotes-gold).

The gold (guidelines in docs/quotes-annotation.md) labels every quote of a page, direct and
indirect, in every field, by its text, its kind, its field, its speaker and its forms
(``after``, ``before``, ``pronoun``, ``continuation``, ``multi-sentence`` …). Each gold text is
first located in its field's text (:func:`locate`), so gold and predictions are spans of the
same strings. Then, as :mod:`warta.analyze.quote_scoring` does for PFSA-ID:

- a predicted quote *finds* a gold quote of the same kind and field (and caption) when it covers
  at least half of the gold text's word tokens; each prediction finds one gold quote at most,
  best overlap first. Precision counts predictions that found a gold quote, recall gold quotes
  that were found, per kind;
- the speaker of a found gold quote that names one is right when the predicted name (else the
  name as written) and the gold name agree the way :func:`same_speaker` reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from warta.analyze.quote_scoring import same_speaker
from warta.model import FIELDS, Article, Quote

__all__ = ["FIELDS", "FORMS", "KINDS", "GoldQuote", "GoldScore", "field_texts", "locate", "score_gold"]

KINDS: Final = ("direct", "indirect")
FORMS: Final = (
    "after",
    "before",
    "according",
    "inside",
    "headline-colon",
    "pronoun",
    "continuation",
    "bare",
    "multi-sentence",
)
_WORD: Final = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold quote located in its field: ``start``/``end`` index the field's text."""

    kind: str
    field: str
    index: int
    start: int
    end: int
    text: str
    speaker: str | None
    forms: tuple[str, ...]


def field_texts(article: Article) -> dict[str, list[str]]:
    """The texts quotes are read from, by field; captions by image index (as the quotes stage numbers them)."""
    return {
        "title": [article.title or ""],
        "description": [article.description or ""],
        "caption": [image.caption or "" for image in article.images],
        "body": [article.text],
    }


def locate(items: Iterable[Mapping[str, Any]], texts: Mapping[str, Sequence[str]]) -> list[GoldQuote]:
    """Gold items (dicts of a gold file's ``quotes``) as spans; the n-th repeat of a text is its n-th occurrence.

    Raises ValueError naming the text when it is not in its field.
    """
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for item in items:
        where, text = item["field"], item["text"]
        skip = seen[(where, text)]
        seen[(where, text)] += 1
        found = None
        for index, candidate in enumerate(texts.get(where, ())):
            start = -1
            for _ in range(skip + 1):
                start = candidate.find(text, start + 1)
                if start < 0:
                    break
            if start >= 0:
                found = (index, start)
                break
            skip -= candidate.count(text)
        if found is None:
            raise ValueError(f"gold quote not found in the {where}: {text[:80]!r}")
        index, start = found
        out.append(
            GoldQuote(item["kind"], where, index, start, start + len(text), text, item["speaker"], tuple(item["forms"]))
        )
    return out


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    found: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "recall": round(self.found / self.gold, 4) if self.gold else 0.0,
            "speaker_scored": self.speaker_scored,
            "speaker_right": self.speaker_right,
            "speaker_accuracy": round(self.speaker_right / self.speaker_scored, 4) if self.speaker_scored else 0.0,
        }


@dataclass(slots=True)
class GoldScore:
    """Counts per kind (``direct``/``indirect``) and per (kind, form)."""

    predicted: Counter[str] = field(default_factory=Counter)
    true_predictions: Counter[str] = field(default_factory=Counter)
    kinds: dict[str, _Tally] = field(default_factory=lambda: {kind: _Tally() for kind in KINDS})
    forms: dict[tuple[str, str], _Tally] = field(default_factory=dict)

    def precision(self, kind: str) -> float:
        return self.true_predictions[kind] / self.predicted[kind] if self.predicted[kind] else 0.0

    def recall(self, kind: str) -> float:
        tally = self.kinds[kind]
        return tally.found / tally.gold if tally.gold else 0.0

    def f1(self, kind: str) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind in KINDS:
            out[kind] = {
                **self.kinds[kind].to_dict(),
                "predicted": self.predicted[kind],
                "true_predictions": self.true_predictions[kind],
                "precision": round(self.precision(kind), 4),
                "f1": round(self.f1(kind), 4),
                "forms": {form: tally.to_dict() for (k, form), tally in sorted(self.forms.items()) if k == kind},
            }
        return out


def _tokens(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the word tokens overlapping [start, end)."""
    return {m.start() for m in _WORD.finditer(text) if m.start() < end and start < m.end()}


def score_gold(pages: Iterable[tuple[Mapping[str, Sequence[str]], Sequence[GoldQuote], Sequence[Quote]]]) -> GoldScore:
    """Score predicted quotes against located gold, page by page: (field texts, gold, predictions)."""
    score = GoldScore()
    for texts, gold, predicted in pages:
        covers = []
        for quote in predicted:
            score.predicted[quote.kind] += 1
            places = texts.get(quote.field, ())
            text = places[quote.index] if quote.index < len(places) else ""
            covers.append(_tokens(text, quote.start, quote.end))
        used: set[int] = set()
        for item in gold:
            wanted = _tokens(texts[item.field][item.index], item.start, item.end)
            best, best_overlap = None, 0
            for number, quote in enumerate(predicted):
                if number in used or (quote.kind, quote.field, quote.index) != (item.kind, item.field, item.index):
                    continue
                overlap = len(wanted & covers[number])
                if overlap * 2 >= len(wanted) and overlap > best_overlap:
                    best, best_overlap = number, overlap
            tallies = [score.kinds[item.kind]] + [score.forms.setdefault((item.kind, f), _Tally()) for f in item.forms]
            for tally in tallies:
                tally.gold += 1
            if best is None:
                continue
            used.add(best)
            score.true_predictions[item.kind] += 1
            right = same_speaker(predicted[best].speaker_name or predicted[best].speaker_text, item.speaker or "")
            for tally in tallies:
                tally.found += 1
                if item.speaker:
                    tally.speaker_scored += 1
                    tally.speaker_right += right
    return score
