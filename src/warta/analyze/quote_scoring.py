"""Scoring quote attribution on PFSA-ID-style files (token<TAB>BILOU tag, blank line between sentences).

PFSA-ID labels each quote's text STATEMENT and its attribution's parts CUE / CUECOREF ("kata",
"katanya"), PERSON / PERSONCOREF (the speaker's full or short name), ROLE and AFFILIATION. Its
files have no document markers; a document starts at a dateline sentence ("JAKARTA , KOMPAS —").

The text is rebuilt from the tokens (spaces dropped before closing punctuation, quotation marks
glued alternately to the word after and before them, sentences joined by a space), so each
token has character offsets and warta reads it as one article. Then:

- a predicted **direct** quote is *found* when it covers at least half of a STATEMENT span's
  tokens (one prediction per statement, best overlap first); precision counts predictions that
  found a statement, recall statements that were found;
- the **gold speaker** of a statement is the PERSON / PERSONCOREF span of its own sentence after
  the statement, else before it in that sentence, else in the sentence before the statement,
  else (a "katanya" cue with no name near it) the gold speaker of the previous statement. The
  issue's measure scores the statements with a name next to them (``speaker_accuracy``); those
  whose speaker is only chained from the previous statement are scored apart
  (``chained_accuracy``): PFSA-ID does not say whom such a "katanya" points to, so the chained
  gold is an estimate. A short name is resolved to
  the article's full PERSON span that contains its words; a name that resolves to nothing (a bare
  "Presiden") leaves the statement out of the speaker score, counted apart;
- the speaker is **right** when warta's speaker name and the gold name, titles and case folded,
  are equal or one's words contain the other's.

PFSA-ID labels the statements of public figures only: a correct quote from a resident or a patient
covers no statement and counts against precision. ``scoped_precision`` (and ``scoped_f1``) leave out
the predictions that cover no statement and whose speaker is not one of the public figures the
article's statements are attributed to (or that name no speaker), the part of the output PFSA-ID's
annotation does not judge. It is a second reading, not the strict measure above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from warta.lang.id.aliases import default_aliases, match_form
from warta.model import Quote

__all__ = ["GoldDocument", "QuoteScore", "read_pfsa", "same_speaker", "score_quotes"]

_DATELINE: Final = re.compile(r"^[A-Z][A-Z .'-]*\s,\s(?:KOMPAS|Kompas)")
_NO_SPACE_BEFORE: Final = frozenset(",.;:!?)]%")
_NO_SPACE_AFTER: Final = frozenset("([")
_QUOTE_MARKS: Final = frozenset({"“", "”", '"', "„", "''", "``"})
_SPEAKER_TAGS: Final = ("PERSON", "PERSONCOREF")


@dataclass(slots=True)
class GoldDocument:
    """One rebuilt article: its text, token offsets, statements and their gold speakers."""

    text: str
    offsets: list[tuple[int, int]] = field(default_factory=list)
    statements: list[tuple[int, int]] = field(default_factory=list)  # token ranges [first, last)
    speakers: list[str | None] = field(default_factory=list)  # resolved full name, or None
    chained: list[bool] = field(default_factory=list)  # speaker taken from the previous statement


@dataclass(frozen=True, slots=True)
class QuoteScore:
    statements: int
    predicted: int
    found: int  # statements found
    true_predictions: int
    speaker_scored: int
    speaker_right: int
    speaker_unresolved: int
    chained_scored: int = 0  # "katanya" with no name near it: speaker from the previous statement
    chained_right: int = 0
    out_of_scope: int = 0  # predictions covering no statement, their speaker none of the article's figures

    @property
    def precision(self) -> float:
        return self.true_predictions / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.statements if self.statements else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def scoped_precision(self) -> float:
        judged = self.predicted - self.out_of_scope
        return self.true_predictions / judged if judged else 0.0

    @property
    def scoped_f1(self) -> float:
        p, r = self.scoped_precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_scored if self.speaker_scored else 0.0

    @property
    def chained_accuracy(self) -> float:
        return self.chained_right / self.chained_scored if self.chained_scored else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "statements": self.statements,
            "predicted": self.predicted,
            "found": self.found,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_scored": self.speaker_scored,
            "speaker_right": self.speaker_right,
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_unresolved": self.speaker_unresolved,
            "chained_scored": self.chained_scored,
            "chained_right": self.chained_right,
            "chained_accuracy": round(self.chained_accuracy, 4),
            "out_of_scope": self.out_of_scope,
            "scoped_precision": round(self.scoped_precision, 4),
            "scoped_f1": round(self.scoped_f1, 4),
        }


def _sentences(lines: Iterable[str]) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = [[]]
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if out[-1]:
                out.append([])
            continue
        token, _, tag = line.partition("\t")
        out[-1].append((token, tag.strip() or "O"))
    return [s for s in out if s]


def _kind(tag: str) -> str:
    return tag[2:] if len(tag) > 2 and tag[1] == "-" else tag


def _spans(tags: Sequence[str], wanted: str) -> list[tuple[int, int]]:
    """Token ranges of the runs tagged ``wanted`` (BILOU prefixes folded; a B or U starts a new run)."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, tag in enumerate(tags):
        inside = _kind(tag) == wanted
        if start is not None and (not inside or tag[:1] in ("B", "U")):
            spans.append((start, i))
            start = None
        if inside and start is None:
            start = i
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def _rebuild(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    open_quote = False
    glue_next = True
    for token in tokens:
        glue = glue_next or token[0] in _NO_SPACE_BEFORE
        glue_next = token in _NO_SPACE_AFTER
        if token in _QUOTE_MARKS:
            if open_quote:
                glue = True  # a closing mark sticks to the word before it
            else:
                glue_next = True  # an opening mark to the word after it
            open_quote = not open_quote
        if not glue:
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return "".join(parts), offsets


def read_pfsa(lines: Iterable[str]) -> list[GoldDocument]:
    """The documents of a PFSA-ID file, rebuilt, with statements and gold speakers."""
    documents: list[list[list[tuple[str, str]]]] = []
    for sentence in _sentences(lines):
        words = " ".join(t for t, _ in sentence[:6])
        if not documents or _DATELINE.match(words):
            documents.append([])
        documents[-1].append(sentence)
    return [_document(d) for d in documents]


def _document(sentences: list[list[tuple[str, str]]]) -> GoldDocument:
    tokens = [t for s in sentences for t, _ in s]
    tags = [tag for s in sentences for _, tag in s]
    sentence_of = [i for i, s in enumerate(sentences) for _ in s]
    text, offsets = _rebuild(tokens)
    statements = _spans(tags, "STATEMENT")
    names = [(s, e) for kind in _SPEAKER_TAGS for s, e in _spans(tags, kind)]
    people = sorted(_spans(tags, "PERSON"))
    doc = GoldDocument(text, offsets, statements)
    previous: str | None = None
    for start, end in statements:
        span = _gold_speaker(start, end, names, sentence_of)
        doc.chained.append(span is None)
        if span is None:
            doc.speakers.append(previous)
            continue
        written = " ".join(tokens[span[0] : span[1]])
        previous = _resolve(written, [" ".join(tokens[s:e]) for s, e in people if s <= span[0]])
        if previous is None:  # a full name may come after its first short use
            previous = _resolve(written, [" ".join(tokens[s:e]) for s, e in people])
        doc.speakers.append(previous)
    return doc


def _gold_speaker(
    start: int, end: int, names: Sequence[tuple[int, int]], sentence_of: Sequence[int]
) -> tuple[int, int] | None:
    last = sentence_of[end - 1]
    after = [n for n in names if n[0] >= end and sentence_of[n[0]] == last]
    if after:
        return min(after)
    first = sentence_of[start]
    before = [n for n in names if n[1] <= start and sentence_of[n[0]] == first]
    if before:
        return max(before)
    previous = [n for n in names if sentence_of[n[0]] == first - 1 and n[1] <= start]
    return max(previous) if previous else None


def _words(name: str) -> list[str]:
    titles = default_aliases().honorifics.titles
    words = match_form(name).split()
    while words:
        for size in (3, 2, 1):
            if tuple(words[:size]) in titles and len(words) > size:
                words = words[size:]
                break
        else:
            break
    return words


def _resolve(written: str, people: Sequence[str]) -> str | None:
    words = set(_words(written))
    for person in reversed(people):
        if words and words <= set(_words(person)):
            return person
    return None


def same_speaker(predicted: str | None, gold: str) -> bool:
    """Names equal, or one's words contain the other's (titles and case folded)."""
    if not predicted:
        return False
    a, b = set(_words(predicted)), set(_words(gold))
    return bool(a and b) and (a <= b or b <= a)


def score_quotes(documents: Sequence[GoldDocument], predictions: Sequence[Sequence[Quote]]) -> QuoteScore:
    """Score direct quotes and their speakers against the gold documents (see the module docstring)."""
    statements = predicted = found = true_predictions = scored = right = unresolved = chained = chained_right = 0
    out_of_scope = 0
    for doc, quotes in zip(documents, predictions, strict=True):
        direct = [q for q in quotes if q.kind == "direct" and q.field == "body"]
        covers = [{i for i, (s, e) in enumerate(doc.offsets) if s < q.end and q.start < e} for q in direct]
        used: set[int] = set()
        statements += len(doc.statements)
        predicted += len(direct)
        for (first, last), gold, is_chained in zip(doc.statements, doc.speakers, doc.chained, strict=True):
            wanted = set(range(first, last))
            best, best_overlap = None, 0
            for number, tokens in enumerate(covers):
                overlap = len(wanted & tokens)
                if number not in used and overlap * 2 >= len(wanted) and overlap > best_overlap:
                    best, best_overlap = number, overlap
            if best is None:
                continue
            used.add(best)
            found += 1
            if gold is None:
                unresolved += 1
                continue
            quote = direct[best]
            is_right = same_speaker(quote.speaker_name or quote.speaker_text, gold)
            if is_chained:
                chained += 1
                chained_right += is_right
            else:
                scored += 1
                right += is_right
        true_predictions += len(used)
        figures = [name for name in doc.speakers if name]
        out_of_scope += sum(
            1
            for number, quote in enumerate(direct)
            if number not in used
            and not any(same_speaker(quote.speaker_name or quote.speaker_text, name) for name in figures)
        )
    return QuoteScore(
        statements, predicted, found, true_predictions, scored, right, unresolved, chained, chained_right, out_of_scope
    )
