"""Indonesian news boilerplate: which paragraphs are not article text, and what they carry.

The patterns live in ``data/boilerplate.toml`` (heuristics as data); this module compiles them
once, on first use, and classifies one paragraph at a time. HTML extraction and text-dump
extraction share it, so "Baca juga", bylines, photo credits, pagination and footers are
handled the same way whatever the input.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources

from warta.errors import ConfigurationError
from warta.model import RelatedLink

_NAME_SPLIT = re.compile(r"\s*(?:,|&|;|/|\s+dan\s+|\s+and\s+)\s*", re.IGNORECASE)
# Trailing publisher or place noise after a byline name: "Reynas Abdila - Tribunnews.com".
_NAME_TAIL = re.compile(r"\s*[-–—(].*$")


class Kind(Enum):
    """What a paragraph is, for the extractor."""

    BODY = "body"
    DROP = "drop"
    RELATED = "related"
    RELATED_HEADER = "related_header"
    BYLINE = "byline"
    CREDIT = "credit"
    CAPTION = "caption"
    PAGINATION = "pagination"
    FOOTER = "footer"


@dataclass(frozen=True, slots=True)
class Line:
    """A classified paragraph and what it carries (a related link, byline names, a page number)."""

    kind: Kind
    related: RelatedLink | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    page_number: int | None = None
    page_total: int | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    related: tuple[re.Pattern[str], ...]
    related_header: tuple[re.Pattern[str], ...]
    drop: tuple[re.Pattern[str], ...]
    footer: tuple[re.Pattern[str], ...]
    credit_line: tuple[re.Pattern[str], ...]
    caption_line: tuple[re.Pattern[str], ...]
    caption_credit: tuple[re.Pattern[str], ...]
    pagination: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]


@cache
def _lexicon() -> _Lexicon:
    raw = resources.files("warta.extract").joinpath("data/boilerplate.toml").read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        compiled = {
            key: tuple(re.compile(p, re.IGNORECASE) for p in data[key]) for key in _Lexicon.__dataclass_fields__
        }
    except (KeyError, re.error, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"warta/extract/data/boilerplate.toml is invalid: {exc}") from exc
    return _Lexicon(**compiled)


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) to one space and strip."""
    # str.split() splits on every Unicode space (NBSP too) and is several times faster than a regex.
    return " ".join(text.split())


def split_names(text: str) -> tuple[str, ...]:
    """Split a byline value into names: "A, B dan C" -> ("A", "B", "C")."""
    names = []
    for part in _NAME_SPLIT.split(text):
        name = _NAME_TAIL.sub("", part).strip(" .:|")
        if name and len(name) <= 60:
            names.append(name)
    return tuple(dict.fromkeys(names))


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def parse_byline(text: str) -> Line | None:
    """Read "Penulis: A | Editor: B", "Laporan Wartawan Tribunnews.com, A", "Editor: B"."""
    text = normalize_space(text)
    if len(text) > 220:
        return None
    match = _first(_lexicon().byline, text)
    if not match:
        return None
    groups = match.groupdict()
    authors = split_names(groups.get("authors") or "")
    editors = split_names(groups.get("editors") or "")
    if not authors and not editors:
        return None
    return Line(Kind.BYLINE, authors=authors, editors=editors)


def classify(text: str, *, normalized: bool = False) -> Line:
    """Classify one paragraph. Long paragraphs are body text unless a pattern says otherwise.

    ``normalized`` says the caller already collapsed the whitespace (a hot path on big pages).
    """
    line = text if normalized else normalize_space(text)
    if not line:
        return Line(Kind.DROP)
    lex = _lexicon()
    # Related links and furniture are short; a long paragraph is article text.
    if len(line) <= 320:
        match = _first(lex.related, line)
        if match:
            title = match.group("title").strip(" \"“”'‘’")
            return Line(Kind.RELATED, related=RelatedLink(title=title))
        if _first(lex.related_header, line):
            return Line(Kind.RELATED_HEADER)
        match = _first(lex.pagination, line)
        if match:
            return Line(
                Kind.PAGINATION,
                page_number=int(match.group("number")),
                page_total=int(match.group("total")),
            )
        if _first(lex.drop, line):
            return Line(Kind.DROP)
        if _first(lex.footer, line):
            return Line(Kind.FOOTER)
        byline = parse_byline(line)
        if byline:
            return byline
        if len(line) <= 100 and _first(lex.credit_line, line):
            return Line(Kind.CREDIT, credit=line)
        match = _first(lex.caption_line, line)
        if match:
            return Line(Kind.CAPTION, caption=match.group("caption"), credit=match.group("credit"))
    return Line(Kind.BODY)


def split_caption_credit(caption: str) -> tuple[str, str | None]:
    """Split "Caption text (Tribunnews.com/Jeprima)" into the caption and its credit."""
    caption = normalize_space(caption)
    match = _first(_lexicon().caption_credit, caption)
    if not match:
        return caption, None
    return caption[: match.start()].strip(), match.group("credit").strip()


def is_credit(text: str) -> bool:
    """True when the paragraph is only a photo credit ("IST", "Dok. Pribadi", "KOMPAS.com/ADITYO")."""
    line = normalize_space(text)
    return len(line) <= 100 and _first(_lexicon().credit_line, line) is not None
