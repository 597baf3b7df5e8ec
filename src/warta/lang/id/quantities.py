"""The rule layer for quantities in Indonesian text: DATE, TIME, MONEY and PERCENT mentions.

``find_quantities(text)`` returns :class:`~warta.model.Mention` spans (no key, no canonical) in
text order, never overlapping. The forms:

* MONEY: a currency sign or code before a number, ``Rp 1,5 triliun``, ``Rp1.500.000``,
  ``Rp 50.000,-``, ``US$ 120 miliar``, ``USD 5 juta``, ``Rp 72 ribu``; or a currency word after
  it, ``2 juta dolar AS``, ``50 juta rupiah``, ``dua miliar dolar``, ``100 euro``.
* PERCENT: ``20 persen``, ``20%``, ``1,5 persen``, ``20-30 persen``, ``dua persen``.
* TIME: a clock time with ``pukul``/``pkl``/``jam`` before it or a zone after it: ``pukul 19.30``,
  ``pukul 10 pagi``, ``08.00 WIB``, ``19:30 WITA``, ``pukul 08.00-10.00 WIB``. A bare ``19.30``
  is not read: it is as often a decimal or a score.
* DATE: exactly the spans ``warta.lang.id.timex.find_dates`` finds, so DATE mentions and the
  resolved :class:`~warta.model.TimeMention` values always describe the same text.

Numbers never start inside another number (``1.500.000`` is read once, from its first digit),
and every repetition is possessive, so the scan is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from warta.lang.id.calendar import OFFSETS
from warta.lang.id.timex import NUMBER_WORDS, PARTS_OF_DAY, find_dates, phrases_pattern, scan_copy
from warta.model import Mention

__all__ = ["find_quantities"]

# --------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------

# Scale words after a number ("1,5 triliun", "72 ribu"); case-insensitive. Abbreviations may take a
# dot ("Rp 5 jt."). The single letters ("Rp 5 M", "Rp 1,5 T") are matched upper-case only.
_SCALES: Final[tuple[str, ...]] = (
    "ribu", "juta", "miliar", "milyar", "triliun", "thousand", "million", "billion", "trillion",
)  # fmt: skip
_SCALE_ABBREVIATIONS: Final[tuple[str, ...]] = ("rb", "jt", "bn")
_SCALE_LETTERS: Final[tuple[str, ...]] = ("K", "M", "T")

# Currency signs and codes written before the amount. Case-sensitive: "RM", "Rp", "US$".
_CURRENCY_BEFORE: Final[tuple[str, ...]] = (
    "Rp", "Rp.", "RP", "IDR", "US$", "USD", "$", "S$", "SGD", "A$", "AUD", "HK$", "HKD", "€", "EUR", "£", "GBP",
    "¥", "JPY", "CNY", "RMB", "RM", "MYR", "₩", "KRW", "SAR", "INR", "₹",
)  # fmt: skip

# Currency words written after the amount, with the countries that may follow "dolar".
_CURRENCY_AFTER: Final[tuple[str, ...]] = (
    "rupiah", "dolar", "dollar", "euro", "yen", "yuan", "renminbi", "ringgit", "won", "rubel", "rupee", "rupe",
    "poundsterling", "pound sterling", "pound", "baht", "peso", "riyal", "real", "dirham", "dinar", "lira", "franc",
    "frank", "bitcoin",
)  # fmt: skip
_DOLLAR_COUNTRIES: Final[tuple[str, ...]] = (
    "Amerika Serikat", "Amerika", "AS", "Singapura", "Australia", "Hong Kong", "Kanada", "Taiwan", "Selandia Baru",
)  # fmt: skip

# Words before a clock time. "jam" also means "hours" ("24 jam"), so after "jam" a time needs
# minutes, a zone or a part of the day ("jam 8 pagi").
_CLOCK_WORDS: Final[tuple[str, ...]] = ("pukul", "pkl")
# Zones after a clock time; "Z" is left out (in prose it is a letter, not UTC).
_ZONES: Final[tuple[str, ...]] = tuple(z for z in OFFSETS if len(z) > 1)

# --------------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------------


_END = r"(?![^\W\d_])"


def _cased(words: Iterable[str]) -> str:
    """An alternation of words as written in lower case, Capitalised or in CAPITALS."""
    return phrases_pattern(v for w in words for v in (w, w.capitalize(), w.upper()))


# The patterns are case-sensitive: a case-insensitive alternation costs several times more at every
# position. Words that may be capitalised are spelled out in their cases (_cased); after a digit,
# where the engine only arrives at digits, "(?i:...)" is cheap. Patterns that start at a digit start
# with [0-9] itself and check the left context right after it, so the engine skips to digits in C.
# A number starts at a digit that is not inside a word or another number: "1.500.000", "1,5", "20".
_NUM_START = r"[0-9](?<!\w[0-9])(?<![0-9][.,][0-9])"
_NUM_REST = r"[0-9]*+(?:[.,][0-9]++)*+"
_RANGE = r"(?:\s*+(?:[-–]|s\.d\.|sampai|hingga)\s*+[0-9]++(?:[.,][0-9]++)*+)?+"
_SCALE = rf"""(?:(?i:{phrases_pattern(_SCALES)}){_END}|(?i:{phrases_pattern(_SCALE_ABBREVIATIONS)}){_END}\.?
              |(?:{phrases_pattern(_SCALE_LETTERS)})(?![\w$]))"""
# After an amount: a percent sign or word, or an optional scale and a currency word.
_AFTER_AMOUNT = rf"""
    \s*+(?:
        (?P<percent>%|(?i:persen|per\s++sen){_END})
      | (?:{_SCALE}\s*+)?+(?i:{phrases_pattern(_CURRENCY_AFTER)}){_END}
        (?:\s++(?:{phrases_pattern(_DOLLAR_COUNTRIES)}){_END})?+
    )
"""
_CURRENCY_FIRST_RE: Final = re.compile(
    rf"(?:{phrases_pattern(_CURRENCY_BEFORE)})\s*+[0-9]++(?:[.,][0-9]++)*+{_RANGE}(?:\s*+{_SCALE})?+(?:,-)?+",
    re.VERBOSE,
)
_NUMBER_FIRST_RE: Final = re.compile(_NUM_START + _NUM_REST + _RANGE + _AFTER_AMOUNT, re.VERBOSE)
_WORD_FIRST_RE: Final = re.compile(rf"(?:{_cased(NUMBER_WORDS)}){_END}{_AFTER_AMOUNT}", re.VERBOSE)

_ZONE = rf"""(?:\s*+(?:{phrases_pattern(_ZONES)}|{phrases_pattern(z.lower() for z in _ZONES)}){_END}
              (?:\s*+[+-]\s*+[0-9]{{1,2}}(?![0-9]))?+)"""  # "WIB", "wib", not "Wib"
_CLOCK = r"(?P<h{n}>[0-9]{{1,2}})(?:[.:](?P<m{n}>[0-9]{{2}}))?(?![0-9.,:][0-9]|[0-9])"
_CLOCK_WORD_RE: Final = re.compile(
    rf"""
    (?P<word>(?:{_cased(_CLOCK_WORDS)})\.?|jam|Jam|JAM)\s*+{_CLOCK.format(n=1)}
    (?:\s*+(?:[-–]|s\.d\.|sampai|hingga)\s*+{_CLOCK.format(n=2)})?+
    (?P<zone>{_ZONE})?+(?:\s++(?P<part>{_cased(PARTS_OF_DAY)}){_END})?+
    """,
    re.VERBOSE,
)
_ZONE_CLOCK_RE: Final = re.compile(
    rf"""
    [0-9](?<![0-9.,:][0-9])[0-9]?+[.:][0-9]{{2}}(?:\s*+[-–]\s*+[0-9]{{1,2}}[.:][0-9]{{2}})?+{_ZONE}
    """,
    re.VERBOSE,
)
_CLOCK_VALUES_RE: Final = re.compile(r"([0-9]{1,2})[.:]([0-9]{2})")


def _word_start(text: str, pos: int, also: str = "") -> bool:
    """Whether ``pos`` starts a word: no letter, digit, "_", "-" (or a character of ``also``) before it."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_-" + also)


def _valid_clock(m: re.Match[str]) -> bool:
    """Hours 0-24 and minutes 0-59 in every clock of the match; "jam 3" alone is a duration."""
    if "word" in m.re.groupindex:
        clocks = [(m.group(h), m.group(mi)) for h, mi in (("h1", "m1"), ("h2", "m2")) if m.group(h) is not None]
    else:
        clocks = _CLOCK_VALUES_RE.findall(m.group())
    if any(int(h) > 24 or (mi and int(mi) > 59) for h, mi in clocks):
        return False
    if "word" in m.re.groupindex and m.group("word").lower() == "jam":
        return bool(m.group("m1") or m.group("zone") or m.group("part"))
    return True


def find_quantities(
    text: str, dates: Sequence[tuple[int, int]] | None = None, *, field: str = "body", index: int = 0
) -> list[Mention]:
    """DATE, TIME, MONEY and PERCENT mentions in ``text``, in text order, without overlaps.

    Offsets are into ``text``; the mentions carry ``field`` and ``index`` (the field the caller
    read: the body by default). ``dates`` are the spans ``find_dates`` found
    in ``text`` when the caller has them already (the pipeline's dates stage); without them the
    dates are found here.
    """
    if dates is None:
        dates = [(d.start, d.end) for d in find_dates(text, reference=None)]
    spans: list[tuple[int, int, str]] = [(start, end, "DATE") for start, end in dates]
    scan = scan_copy(text, lower=False)
    for m in _CURRENCY_FIRST_RE.finditer(scan):
        if _word_start(scan, m.start(), also="$€£¥₩₹"):
            spans.append((m.start(), m.end(), "MONEY"))
    for pattern, needs_word_start in ((_NUMBER_FIRST_RE, False), (_WORD_FIRST_RE, True)):
        for m in pattern.finditer(scan):
            if not needs_word_start or _word_start(scan, m.start()):
                spans.append((m.start(), m.end(), "PERCENT" if m.group("percent") else "MONEY"))
    for pattern, needs_word_start in ((_CLOCK_WORD_RE, True), (_ZONE_CLOCK_RE, False)):
        for m in pattern.finditer(scan):
            if (not needs_word_start or _word_start(scan, m.start())) and _valid_clock(m):
                spans.append((m.start(), m.end(), "TIME"))
    # Leftmost first, then longest: "Rp 5 juta" is one MONEY, not a MONEY inside a longer span.
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[Mention] = []
    last_end = -1
    for start, end, label in spans:
        if start >= last_end:
            out.append(Mention(start, end, text[start:end], label, field, index))
            last_end = end
    return out
