"""Dates in running Indonesian text: explicit, year-less and relative, resolved to ISO values.

``find_dates`` reads a field of an article (title, caption, body...) and returns one
:class:`~warta.model.TimeMention` per date expression, in text order. ``warta.extract.dates``
reads one date out of a short metadata string; this module finds *every* date in prose, keeps
its span, and says how precise and how certain it is.

Forms read (case-insensitive; month and day names come from ``warta.extract.dates``):
    * explicit, day granularity: ``18/6/2024``, ``18-06-2024``, ``2024-06-18``, ``13 Juni 2023``,
      with an optional day name and part of day in the span: ``Selasa malam (18/6/2024)``,
      ``Selasa, 13 Juni 2023``.
    * explicit month or year: ``Juni 2024``, ``bulan Juni 2024`` (month); ``tahun 2000`` and a
      bare year after a preposition, ``sejak 2000``, ``pada 2019`` (year; see ``_COUNT_NOUNS``).
    * year-less, needing the reference for their year: ``Senin malam (17/6)``, ``Jumat (6/11)``
      (the day name is required, otherwise ``18/6`` could be a score or a fraction), ``13 Juni``,
      ``awal Juni``, ``bulan Juni``. The year is the one that puts the date nearest the reference.
    * relative, marked ``relative=True``: ``kemarin``, ``besok``, ``lusa``, ``hari ini``;
      ``pekan lalu``, ``bulan lalu``, ``tahun lalu``, ``tahun depan``, ``bulan ini``; counts
      ``tiga hari lalu``, ``sebulan lalu``, ``dua tahun lagi``; ``Senin lalu``, ``Kamis depan``,
      ``Senin pekan lalu``; ``Juni lalu``; and a bare day name when it is anchored, ``pada Senin``,
      ``Senin malam`` (the latest such day on or before the reference: news reports the past).

Granularity is ``day`` (``2024-06-18``), ``week`` (ISO week ``2024-W25``, for "pekan lalu"),
``month`` (``2024-05``) or ``year`` (``2023``). A date that needed the reference carries it in
``reference`` and copies ``reference_estimated``; without a reference its ``value`` is None.

Reference estimation (``estimate_reference``): when an article has no published date, the
reference is the **latest explicit full date** (day, month and year all written) in its texts.
News reports events up to the day it is written, so the latest dated event is the day of
publication or shortly before; a scheduled event makes it late by its lead time (the seed's
"Selasa malam (18/6/2024)" is a visit on the evening of publication). Year-less, relative,
month-only and year-only dates never count, and a caller that uses the estimate marks every
date resolved with it ``reference_estimated=True`` while ``published`` stays empty.

Every regular expression has bounded or possessive repetition, and runs either from a digit or from
one of its first words (see ``_scan``), so a scan is linear in the text, whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from warta.lang.id.calendar import MONTHS, WEEKDAYS_ID
from warta.lang.id.timex_calendar import (
    named_month,
    nearest_day,
    nearest_month,
    period_iso,
    resolve_weekday,
    shift,
    valid_date,
)
from warta.lang.patterns import alternation
from warta.model import TimeMention

__all__ = [
    "NUMBER_WORDS", "PARTS_OF_DAY", "estimate_reference", "find_dates", "lower_same_length", "phrases_pattern",
    "scan_copy",
]  # fmt: skip

# --- Data: the words of relative dates (lower case; multi-word entries match any run of spaces). ---

# Parts of the day that may sit between a day name and its date: "Selasa malam (18/6/2024)".
PARTS_OF_DAY: Final[tuple[str, ...]] = ("dini hari", "pagi", "siang", "sore", "petang", "malam", "subuh")

# Counts written as words: "tiga hari lalu", "dua juta dolar" (quantities uses them too).
NUMBER_WORDS: Final[Mapping[str, int]] = MappingProxyType({
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
    "sepuluh": 10, "sebelas": 11, "seratus": 100,
})  # fmt: skip

# Day words, as an offset in days from the reference.
_DAY_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {"kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "esok": 1, "lusa": 2}
)
# Calendar units; "minggu" is also Sunday, told apart by capitalisation (see _is_sunday).
_UNITS: Final[Mapping[str, str]] = MappingProxyType(
    {"hari": "day", "pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year"}
)
# After a unit, a month or a day name: "bulan lalu", "Juni mendatang", "Senin depan".
_DIRECTIONS: Final[Mapping[str, int]] = MappingProxyType(
    {"lalu": -1, "silam": -1, "kemarin": -1, "ini": 0, "depan": 1, "mendatang": 1}
)
# After a count: "tiga hari lalu", "dua tahun lagi". "mendatang"/"ke depan" after a count name a
# span ("dua tahun mendatang" = the next two years), not a point, so they are left out.
_COUNT_DIRECTIONS: Final[Mapping[str, int]] = MappingProxyType({"yang lalu": -1, "lalu": -1, "silam": -1, "lagi": 1})
# Words before a month name that make it a date: "awal Juni", "bulan Juni".
_MONTH_PREFIXES: Final[tuple[str, ...]] = ("bulan", "awal", "akhir", "pertengahan", "medio")
# Prepositions before a bare four-digit year: "sejak 2000", "pada 2019".
_YEAR_PREPOSITIONS: Final[tuple[str, ...]] = (
    "pada", "sejak", "hingga", "sampai", "selama", "awal", "akhir", "pertengahan", "medio", "dari", "jelang",
    "menjelang",
)  # fmt: skip
# Nouns that turn "hingga 2000 ..." into a count: "hingga 2000 orang", "dari 1500 peserta".
_COUNT_NOUNS: Final[tuple[str, ...]] = (
    "orang", "jiwa", "warga", "penduduk", "peserta", "pasien", "kasus", "unit", "buah", "ekor", "kali", "lembar",
    "rumah", "kendaraan", "personel", "pasukan", "tentara", "siswa", "mahasiswa", "suara", "kursi", "meter", "km",
    "kilometer", "kg", "kilogram", "ton", "liter", "hektare", "hektar", "ha", "rupiah", "dolar", "persen", "tahun",
)  # fmt: skip

# Year ranges, per form. Explicit full dates reach back to history ("17 Agustus 1945"); a bare year
# after a preposition must look like a modern year, since "hingga 1500" is more often a count.
_YEARS_FULL: Final = (1500, 2100)
_YEARS_TAHUN: Final = (1000, 2100)
_YEARS_BARE: Final = (1900, 2100)
# How far back a capitalised "Minggu" is looked at to decide whether it opens a sentence, and how far
# back a count before "tahun ini" is looked for (the longest number word, "sembilan", and a space).
_SENTENCE_LOOKBACK: Final = 8
_COUNT_LOOKBACK: Final = 12

# --- Regular expressions, built from the tables and compiled once at import. -----------------------


def phrases_pattern(words: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first, any run of spaces between a phrase's words
    (factored into a trie: :func:`warta.lang.patterns.alternation`)."""
    return alternation(words)


def _is_full_month_name(name: str) -> bool:
    """A month name that is not an abbreviation of another one ("juni" yes, "jun"/"sept" no)."""
    others = [k for k, v in MONTHS.items() if v == MONTHS[name] and k != name]
    return (len(name) >= 4 or name == "mei") and not any(o.startswith(name) for o in others)


_END = r"(?![^\W\d_])"  # word end, Unicode-aware
_DAY = rf"(?:{phrases_pattern(WEEKDAYS_ID)}){_END}"
_PART = rf"(?:{phrases_pattern(PARTS_OF_DAY)}){_END}"
_MONTH = rf"""(?:(?:{phrases_pattern(m for m in MONTHS if _is_full_month_name(m))}){_END}
              |(?:{phrases_pattern(m for m in MONTHS if not _is_full_month_name(m))}){_END}\.?)"""
_MONTH_FULL = rf"(?:{phrases_pattern(m for m in MONTHS if _is_full_month_name(m))}){_END}"
_DIR = rf"(?:{phrases_pattern(_DIRECTIONS)}){_END}"
_UNIT = rf"(?:{phrases_pattern(_UNITS)}){_END}"
_COUNT_DIR = rf"(?:{phrases_pattern(_COUNT_DIRECTIONS)}){_END}"

# The patterns run over the text lower-cased (same length, same offsets), without re.IGNORECASE:
# case-insensitive alternations cost five times more per position. Patterns that start at a digit
# start with [0-9] itself, so the engine skips to the next digit in C; the left-hand context is
# checked right after that first digit ("[0-9](?<![\w.,][0-9])").

# The date part of an explicit date: 18/6/2024, 18-06-2024, 2024-06-18, 13 juni 2023, and the year-less
# 17/6 and 13 juni (a year-less numeric date is only read after a day name; see _explicit).
_BODY = rf"""
    [0-9]{{1,2}}(?:[/.-][0-9]{{1,2}}(?:[/.-][0-9]{{4}})?(?![0-9/]|[.-][0-9])|[\s.-]*+{_MONTH}(?:[\s,.-]*+[0-9]{{4}}(?![0-9]))?)
  | [0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?![0-9-])
"""
_BODY_RE: Final = re.compile(
    rf"""
    (?P<d>[0-9]{{1,2}})(?:(?P<sep>[/.-])(?P<m>[0-9]{{1,2}})(?:(?P=sep)(?P<y>[0-9]{{4}}))?
                         | [\s.-]*+(?P<tm>{_MONTH})(?:[\s,.-]*+(?P<ty>[0-9]{{4}}))?)
  | (?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})
    """,
    re.VERBOSE,
)
# A day name, a part of the day, then the date, bracketed or not: "selasa malam (18/6/2024)".
_DAY_DATE_RE: Final = re.compile(
    rf"(?P<wd>{_DAY})(?:\s++{_PART})?+[\s,]*+(?P<op>\(\s*+)?+(?P<body>{_BODY})(?(op)\s*+\))",
    re.VERBOSE,
)
# The same dates without a day name; a year-less numeric one ("17/6") is not read here.
_NUMBER_DATE_RE: Final = re.compile(
    rf"""
    [0-9](?<![\w.,][0-9])(?:
        [0-9]?+(?P<sep>[/.-])[0-9]{{1,2}}(?P=sep)[0-9]{{4}}(?![0-9/]|[.-][0-9])
      | [0-9]{{3}}-[0-9]{{2}}-[0-9]{{2}}(?![0-9-])
      | [0-9]?+[\s.-]*+{_MONTH}(?:[\s,.-]*+[0-9]{{4}}(?![0-9]))?
    )
    """,
    re.VERBOSE,
)

_MONTH_RE: Final = re.compile(
    rf"""
    (?:
        (?:bulan\s++)?(?P<mm>{_MONTH})[\s,]*+(?P<my>[0-9]{{4}})(?![0-9])
      | (?P<rm>{_MONTH_FULL})\s++(?P<rd>{_DIR})
      | (?:{phrases_pattern(_MONTH_PREFIXES)})\s++(?P<pm>{_MONTH_FULL})(?!\s*+[0-9])
    )
    """,
    re.VERBOSE,
)

_YEAR_RE: Final = re.compile(
    rf"""
    (?:(?P<tahun>tahun)|(?P<prep>{phrases_pattern(_YEAR_PREPOSITIONS)}))\s++
    (?P<y>[0-9]{{4}})(?![0-9]|[.,/-][0-9]|-an)
    (?(prep)(?!\s++(?:{phrases_pattern(_COUNT_NOUNS)}){_END}))
    """,
    re.VERBOSE,
)

# A count right before a unit: "46 tahun ini" is an age, not this year.
_AFTER_COUNT_RE: Final = re.compile(rf"(?:[0-9]|(?<![\w-])(?i:{phrases_pattern(NUMBER_WORDS)}))[^\S\n]++\Z")
# "3 hari lalu": a count in digits, then a unit and a direction.
_COUNT_RE: Final = re.compile(
    rf"(?P<n>[0-9](?<![\w-][0-9])[0-9]{{0,2}}+)\s++(?P<nu>{_UNIT})\s++(?P<nd>{_COUNT_DIR})",
)
_RELATIVE_RE: Final = re.compile(
    rf"""
    (?:
        (?P<n>{phrases_pattern(NUMBER_WORDS)})\s++(?P<nu>{_UNIT})\s++(?P<nd>{_COUNT_DIR})
      | se(?P<su>{_UNIT})\s++(?P<sd>{_COUNT_DIR})
      | (?P<u>pekan|minggu|bulan|tahun)\s++(?P<ud>{_DIR})
      | (?P<wd>{_DAY})\s++(?:(?P<wu>pekan|minggu)\s++)?(?P<wdd>{_DIR})
      | (?P<w>{phrases_pattern(_DAY_WORDS)}){_END}
      | (?:(?P<bpre>pada|hari)\s++(?P<bwd>{_DAY})|(?P<bwd2>{_DAY})(?=\s++{_PART}))
        (?:\s++{_PART})?(?!\s++(?:(?:pekan|minggu)\s++)?{_DIR})
    )
    """,
    re.VERBOSE,
)

# Same-length lower-casing for text that str.lower() would lengthen ("İ" -> "i̇").
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# Line and paragraph breaks: no expression runs across one ("31\n\nJanuari" is not a date).
_BREAKS: Final = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def lower_same_length(text: str) -> str:
    """``text`` lower-cased with every character kept at its offset (ASCII only, if need be)."""
    low = text.lower()  # lower() never shortens a character; if the length holds, no character grew
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def scan_copy(text: str, *, lower: bool) -> str:
    """The copy of ``text`` the patterns run over: same offsets, breaks made opaque, maybe lower-cased."""
    out = lower_same_length(text) if lower else text
    for mark in _BREAKS:
        if mark in out:
            out = out.replace(mark, "\x00")  # matches no pattern: not a space, a letter or a digit
    return out


# --- Candidates: a span, its granularity, and either a value or a way to compute it from a reference. ---

Resolver = Callable[[date], "str | None"]


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    granularity: str
    value: str | None = None  # explicit dates: known without a reference
    resolve: Resolver | None = None  # year-less and relative dates: computed from the reference
    relative: bool = False
    full: bool = False  # an explicit day-month-year date, usable to estimate the reference


def _key(word: str) -> str:
    """The table key of a matched (already lower-cased) word: single spaces, no abbreviation dot."""
    return " ".join(word.rstrip(".").split())


def _is_sunday(text: str, word_start: int) -> bool:
    """A capitalised "Minggu" inside a sentence is the day (Sunday), not the week."""
    if text[word_start : word_start + 6] != "Minggu":
        return False
    before = text[max(0, word_start - _SENTENCE_LOOKBACK) : word_start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n"


# --- One builder per regular expression: match -> candidate (or None when the match is no date). ---


def _date_body(start: int, end: int, body: str, after_day_name: bool) -> _Found | None:
    """The candidate for an explicit date's text (``_BODY``), spanning ``start:end``."""
    m = _BODY_RE.fullmatch(body.strip())
    if m is None:
        return None
    if m.group("iy"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("tm"):
        y, mo, d = int(m.group("ty") or 0), MONTHS[_key(m.group("tm"))], int(m.group("d"))
    else:
        y, mo, d = int(m.group("y") or 0), int(m.group("m")), int(m.group("d"))
        if not y and (m.group("sep") != "/" or not after_day_name):
            return None  # "17/6" is a date only after a day name, and only with a slash
    if y:
        found = valid_date(y, mo, d, _YEARS_FULL)
        return _Found(start, end, "day", value=found.isoformat(), full=True) if found else None
    if valid_date(2000, mo, d, (2000, 2000)) is None:  # 2000 is a leap year: 29/2 stays possible
        return None
    return _Found(start, end, "day", resolve=lambda ref: nearest_day(ref, mo, d))


def _day_date(m: re.Match[str], text: str) -> _Found | None:
    return _date_body(m.start(), m.end(), m.group("body"), after_day_name=True)


def _number_date(m: re.Match[str], text: str) -> _Found | None:
    start, body = m.start(), m.group()
    before = text[max(0, start - 2) : start]
    textual = m.group("sep") is None and body[4:5] != "-"
    if not textual and before[-1:] in ("/", "-"):
        return None  # inside a longer numeric run: "1/18/6/2024", "12-18-06-2024"
    if textual and before[-1:] == "-" and before[:1].isalpha():
        return None  # "Covid-19 Juni...": a name with a number, not a day
    return _date_body(start, m.end(), body, after_day_name=False)


def _month(m: re.Match[str], text: str) -> _Found | None:
    if m.group("mm"):
        year = int(m.group("my"))
        if not _YEARS_FULL[0] <= year <= _YEARS_FULL[1]:
            return None
        month = MONTHS[_key(m.group("mm"))]
        return _Found(m.start(), m.end(), "month", value=period_iso(year, month))
    if m.group("rm"):
        month, direction = MONTHS[_key(m.group("rm"))], _DIRECTIONS[_key(m.group("rd"))]
        return _Found(
            m.start(), m.end(), "month", resolve=lambda ref: named_month(ref, month, direction), relative=True
        )
    month = MONTHS[_key(m.group("pm"))]
    return _Found(m.start(), m.end(), "month", resolve=lambda ref: nearest_month(ref, month))


def _year(m: re.Match[str], text: str) -> _Found | None:
    year = int(m.group("y"))
    low, high = _YEARS_TAHUN if m.group("tahun") else _YEARS_BARE
    if not low <= year <= high:
        return None
    start = m.start() if m.group("tahun") else m.start("y")
    return _Found(start, m.end(), "year", value=period_iso(year))


def _relative(m: re.Match[str], text: str) -> _Found | None:
    start, end = m.start(), m.end()
    resolve: Resolver
    groups = m.groupdict()
    if groups.get("n") or groups.get("su"):
        raw = groups.get("n") or "1"
        count = int(raw) if raw.isdigit() else NUMBER_WORDS[_key(raw)]
        unit = _UNITS[_key(groups.get("nu") or groups["su"])]
        sign = _COUNT_DIRECTIONS[_key(groups.get("nd") or groups["sd"])]
        resolve, granularity = (lambda ref: shift(ref, unit, sign * count)), unit
    elif m.group("u"):
        direction = _DIRECTIONS[_key(m.group("ud"))]
        if _AFTER_COUNT_RE.search(text, max(0, start - _COUNT_LOOKBACK), start):
            return None  # "penyanyi 46 tahun ini" (46 years old), "5 tahun mendatang" (a span)
        if _is_sunday(text, m.start("u")):
            resolve, granularity = (lambda ref: resolve_weekday(ref, 6, direction)), "day"
        else:
            unit = _UNITS[_key(m.group("u"))]
            resolve, granularity = (lambda ref: shift(ref, unit, direction)), unit
    elif m.group("wd"):
        weekday, direction = WEEKDAYS_ID[_key(m.group("wd"))], _DIRECTIONS[_key(m.group("wdd"))]
        week = m.group("wu") is not None
        resolve, granularity = (lambda ref: resolve_weekday(ref, weekday, direction, week)), "day"
    elif m.group("w"):
        offset = _DAY_WORDS[_key(m.group("w"))]
        resolve, granularity = (lambda ref: (ref + timedelta(days=offset)).isoformat()), "day"
    else:  # a day name after "pada"/"hari" or before a part of the day; alone it is too often a name
        day_name = "bwd" if m.group("bwd") else "bwd2"
        weekday, start = WEEKDAYS_ID[_key(m.group(day_name))], m.start(day_name)
        resolve, granularity = (lambda ref: resolve_weekday(ref, weekday, None)), "day"
    return _Found(start, end, granularity, resolve=resolve, relative=True)


_Builder = Callable[[re.Match[str], str], "_Found | None"]
_Pass = tuple[re.Pattern[str], _Builder]
# Patterns that start at a digit run over the whole text. Those that start with a word are tried only
# where one of their first words starts a word (found by _TRIGGER_RE), which is far cheaper than
# running every word pattern at every position of the text.
_DIGIT_PASSES: Final[Sequence[_Pass]] = ((_NUMBER_DATE_RE, _number_date), (_COUNT_RE, _relative))
_RELATIVE_FIRST_WORDS: Final = {*NUMBER_WORDS, *_UNITS, *(f"se{u}" for u in _UNITS), *WEEKDAYS_ID, "pada", "kemarin",
                                 "besok", "esok", "lusa"}  # fmt: skip
_WORD_PASSES: Final[Sequence[tuple[_Pass, frozenset[str]]]] = (
    ((_DAY_DATE_RE, _day_date), frozenset(WEEKDAYS_ID)),
    ((_MONTH_RE, _month), frozenset({*MONTHS, *_MONTH_PREFIXES})),
    ((_YEAR_RE, _year), frozenset({"tahun", *_YEAR_PREPOSITIONS})),
    ((_RELATIVE_RE, _relative), frozenset(_RELATIVE_FIRST_WORDS)),
)
_DISPATCH: Final[Mapping[str, tuple[_Pass, ...]]] = MappingProxyType(
    {word: tuple(p for p, words in _WORD_PASSES if word in words) for _, words in _WORD_PASSES for word in words}
)
_TRIGGER_RE: Final = re.compile(rf"(?:{phrases_pattern(_DISPATCH)}){_END}")


def _scan(text: str) -> list[_Found]:
    """Every date candidate in ``text``; where two overlap, the leftmost, then the longest, wins."""
    low = scan_copy(text, lower=True)
    found = [f for pattern, build in _DIGIT_PASSES for m in pattern.finditer(low) if (f := build(m, text))]
    for trigger in _TRIGGER_RE.finditer(low):
        pos = trigger.start()
        if pos and (low[pos - 1].isalnum() or low[pos - 1] in "_-"):
            continue  # inside a word: "setahun" is read from its start, "tahun-tahun" not at all
        for pattern, build in _DISPATCH[trigger.group()]:
            m = pattern.match(low, pos)
            if m and (f := build(m, text)):
                found.append(f)
    found.sort(key=lambda f: (f.start, -f.end))
    kept: list[_Found] = []
    for f in found:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


# --- Public API ------------------------------------------------------------------------------------


def find_dates(
    text: str, *, reference: date | None, reference_estimated: bool = False, field: str = "body", index: int = 0
) -> list[TimeMention]:
    """Every date expression in ``text``, resolved, in text order.

    ``reference`` is the article's published day (or an estimate from ``estimate_reference``,
    then pass ``reference_estimated=True``); year-less and relative dates are resolved against
    it and carry it, and without it their ``value`` is None. ``field``/``index`` say which part
    of the article ``text`` is, and are copied into each mention.
    """
    if reference is not None:
        reference = date(reference.year, reference.month, reference.day)  # a datetime counts as its day
    out: list[TimeMention] = []
    for f in _scan(text):
        value, used = f.value, None
        if f.resolve is not None and reference is not None:
            used = reference
            try:
                value = f.resolve(reference)
            except (OverflowError, ValueError):  # a reference at the edge of the calendar
                value = None
        reference_iso, estimated = (used.isoformat(), reference_estimated) if used else (None, False)
        out.append(
            TimeMention(
                f.start, f.end, text[f.start : f.end], value, f.granularity, field=field, index=index,
                relative=f.relative, reference=reference_iso, reference_estimated=estimated,
            )
        )  # fmt: skip
    return out


def estimate_reference(texts: Iterable[str]) -> date | None:
    """The latest explicit full date (day, month and year written out) in ``texts``, or None.

    Used as the reference for relative dates when the article has no published date; see the
    module docstring for why the latest date is the right estimate and where it goes wrong.
    """
    latest: date | None = None
    for text in texts:
        for f in _scan(text):
            if f.full and f.value is not None:
                day = date.fromisoformat(f.value)
                if latest is None or day > latest:
                    latest = day
    return latest
