"""Quotation marks paired into quotations, in one linear pass that never runs past a paragraph.

News text uses curly marks (“…”), straight ones ("…"), doubled ASCII marks (``…'' and ''…''),
and often a closing mark as an opener too (”…”): PFSA-ID's Kompas text and several sites do.
A mark's role is read from its neighbours: glued to the word after it and not to the one
before, it opens; glued to the word before, it closes (unless no quote is open and it sits
between a sentence's final stop and a word: `mereka."Tawaran` opens); “ „ and `` always open.

A quotation that is still open at the end of its paragraph continues into the next paragraph
only when its paragraph ends a sentence and the next one starts with an opening mark (the
convention for a quote running over several paragraphs); otherwise it ends there, marked
``closed=False``. So an unbalanced mark
swallows at most the rest of one paragraph, never the rest of the article. Single quotes (‘…’)
are left alone: in Indonesian news they mark terms and quotes within quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["Quotation", "find_quotations", "paragraph_spans"]

_ALWAYS_OPEN: Final = frozenset({"“", "„", "``", "«"})
_ANY_MARK: Final = re.compile(r"``|''|[“”„\"«»″]")
_PARAGRAPH_BREAK: Final = re.compile(r"\n+")
_SENTENCE_END: Final = frozenset(".!?…:")
# A quote running on over more paragraphs than this is not a quote but an unbalanced mark.
MAX_PARAGRAPHS: Final = 12


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text between quotation marks: ``start``/``end`` include the marks, ``inner_*`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    paragraphs: int = 1  # how many paragraphs it spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph (text between line breaks), empty ones left out."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text)))
    return spans


def _role(text: str, start: int, end: int, is_open: bool) -> str:
    """``open`` or ``close`` for the mark at text[start:end], from what it is glued to."""
    mark = text[start:end]
    if mark in _ALWAYS_OPEN:
        return "open"
    if mark == "»":
        return "close"
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    glued_before = not before.isspace() and before not in "([{—–-"
    glued_after = not after.isspace()
    if glued_after and not glued_before:
        return "open"
    if glued_after and not is_open and before in ".!?" and after.isalnum():
        return "open"  # 'modus mereka."Tawaran …': a sentence ended, the space before the quote was lost
    if glued_before:
        return "close"
    return "close" if is_open else "open"  # spaces on both sides: whatever balances


def _starts_with_opener(text: str, start: int, end: int) -> tuple[int, int] | None:
    match = _ANY_MARK.match(text, start)
    if match and match.end() <= end and _role(text, match.start(), match.end(), False) == "open":
        return match.start(), match.end()
    return None


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, in order; linear in its length."""
    found: list[Quotation] = []
    paragraphs = paragraph_spans(text)
    opened: tuple[int, int] | None = None  # (mark start, mark end) of the open quotation
    spanned = 1
    continuation = -1  # where the opening mark of a running-on quote's next paragraph is
    for number, (p_start, p_end) in enumerate(paragraphs):
        for match in _ANY_MARK.finditer(text, p_start, p_end):
            if match.start() == continuation:
                continue
            role = _role(text, match.start(), match.end(), opened is not None)
            if role == "open":
                if opened is not None:
                    if text[match.start() : match.end()] not in _ALWAYS_OPEN:
                        continue  # an ambiguous mark inside an open quote: keep the quote open
                    found.append(_unclosed(text, opened, match.start(), spanned))
                opened, spanned = (match.start(), match.end()), 1
            elif opened is not None:
                found.append(Quotation(opened[0], match.end(), opened[1], match.start(), True, spanned))
                opened = None
        if opened is None:
            continue
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        mark = _starts_with_opener(text, following[0], following[1]) if following else None
        if mark is not None and spanned < MAX_PARAGRAPHS and _ends_a_sentence(text, p_start, p_end):
            spanned += 1  # the quote runs on: the next paragraph's opening mark is its continuation
            continuation = mark[0]
            continue
        found.append(_unclosed(text, opened, p_end, spanned))
        opened = None
    return found


def _ends_a_sentence(text: str, start: int, end: int) -> bool:
    """The paragraph ends with a sentence: a quote running on does; an unbalanced mark's often does not."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] in _SENTENCE_END


def _unclosed(text: str, opened: tuple[int, int], end: int, spanned: int) -> Quotation:
    inner_end = end
    while inner_end > opened[1] and text[inner_end - 1].isspace():
        inner_end -= 1
    return Quotation(opened[0], inner_end, opened[1], inner_end, False, spanned)
