"""Indonesian date parsing for article metadata.

``parse_date`` finds the first date (and, when present, the time of day and zone) in a *short* string - a
byline, a ``<meta>``/JSON-LD value, a ``<time>`` element's text or a dateline - and returns it as ISO 8601.
It is meant for strings of a line or two, not for whole article bodies: it returns the first date it can
read, whatever that date is about.

Output
    * date and time: ``"2024-06-18T19:30:00+07:00"`` - always with seconds and always with an offset. The
      offset is the one the text states (``WIB``/``WITA``/``WIT``, ``GMT``/``UTC``/``Z``, ``+0700``,
      ``GMT+7``...); a time with no zone gets ``default_offset`` (WIB unless told otherwise), because a
      clock time on an Indonesian page without a zone is, in practice, local publisher time. Fractions of a
      second are dropped.
    * date only: ``"2024-06-18"``. When the text carries no time of day we do **not** invent one (no
      midnight), and so we do not attach an offset either: an offset only means something for an instant.
    * ``None`` when no complete, possible date is present. Month-only (``"Juni 2024"``), impossible
      (``"31 Februari 2024"``) and out-of-range (outside 1990..2100) dates are never returned; the search then
      moves on to the next candidate in the string.

Forms read (case-insensitive; day names such as ``Selasa,``/``Jum'at``/``Tuesday`` are noise and are
neither required nor checked against the date, since publishers get them wrong):
    * ISO / machine: ``2024-06-18T19:30:00+07:00``, ``2024-06-18 19:30:00``, ``2015-11-05 T10:08:58Z``,
      ``...T19:30:00.000+0700``, ``2024/06/18``; RFC 2822 ``Thu, 05 Nov 2015 15:08:01 +0700``.
    * day month year: ``18 Juni 2024``, ``05 Nov 2015``, ``04 November, 2015``, ``18-Jun-2024``.
    * month day year (English and WordPress-Indonesian): ``Feb 23, 2016``, ``Maret 30, 2015``.
    * numeric day-first: ``18/06/2024``, ``18/6/2024``, ``18-06-2024``, ``18.06.2024``. Indonesian numeric
      dates are day-first; we never swap day and month, so ``9/24/2010`` (US order) is rejected, not
      "repaired".
    * a time after the date, separated by spaces, ``,``, ``|``, ``-``, ``–``, ``at``, ``pukul``, ``T``...:
      ``19:30``, ``19.30``, ``19:30:00``, ``4:00 PM``; or, if none follows, a time right before the date
      (``15:08:11 Jul 21, 2022``, ``19:30 WIB, Selasa 18 Juni 2024``).

Two-digit years (decision): ``18/06/24`` alone is **not** read. Numeric strings with a two-digit year are
ambiguous between DD/MM/YY, MM/DD/YY and YY/MM/DD, and the real pages are full of non-dates of that shape
(ad-script comments like ``created 10/10/11`` and ``9/24/10``, Republika's ``16/02/15`` URL segments). A
two-digit year is accepted only in day-first numeric form *followed by a clock time* (``18/06/24 19:30``,
the byline shape where it does occur), and is read as 20YY (19YY for 90..99).

Year-less and relative dates (``Jumat (6/11)``, ``18 Juni``, ``2 menit lalu``, ``kemarin``) are read only
when the caller passes ``reference`` (the crawl/fetch time) and only if the string holds no full date; the
year is the one that puts the date nearest to ``reference``. Relative results are computed from
``reference`` taken in ``default_offset`` local time and are as approximate as the text. Without
``reference`` they give ``None``.

Data: month, day and zone names are constant tables in ``warta.lang.id.calendar`` (shared with the
dates-in-text layer); the regular expressions are built from them once at import. They are re-exported
here as ``MONTHS``/``DAY_NAMES``/``WEEKDAYS_ID``/``OFFSETS``.

Stdlib only; no ``dateparser``.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Final, NamedTuple

from warta.lang.id.calendar import DAY_NAMES, MONTHS, OFFSETS, WEEKDAYS_ID

__all__ = ["DAY_NAMES", "MONTHS", "OFFSETS", "WEEKDAYS_ID", "WIB", "parse_date", "to_utc"]

#: Western Indonesian Time, UTC+7: the zone a date or date-time without one is read in.
WIB: Final = timezone(timedelta(hours=7))


_MIN_YEAR: Final = 1990
_MAX_YEAR: Final = 2100
_MAX_OFFSET_MINUTES: Final = 14 * 60

# --------------------------------------------------------------------------------------------------------
# Regular expressions, compiled once at import.
# --------------------------------------------------------------------------------------------------------


def _alternation(words: frozenset[str] | Mapping[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_NOT_LETTER = r"(?![^\W\d_])"  # not followed by a letter (Unicode-aware word end for names)
_MONTH = rf"(?:{_alternation(MONTHS)}){_NOT_LETTER}\.?"
_DAY = rf"(?:{_alternation(DAY_NAMES)}){_NOT_LETTER}"
_ORD = r"(?:st|nd|rd|th)?"

# Leftmost date in the string. Alternatives are tried in order at each position.
_DATE_RE: Final = re.compile(
    rf"""
    # ISO year-first: 2024-06-18, 2024/6/18 (a time, if any, is read separately)
    (?<![\w.])(?P<iy>\d{{4}})(?P<isep>[-/])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?!\d)
    |
    # day month year: 18 Juni 2024, 04 November, 2015, 18-Jun-2024. Not after "Covid-".
    (?<![\w.])(?<![^\W\d_]-)(?P<td>\d{{1,2}}){_ORD}[\s./-]*+(?P<tm>{_MONTH})[\s,./-]*+(?P<ty>\d{{4}})(?!\d)
    |
    # numeric day-first: 18/06/2024, 18/6/2024, 18-06-2024, 18.06.2024, 18/06/24 (see two-digit years)
    (?<![\w./-])(?P<nd>\d{{1,2}})(?P<nsep>[/.-])(?P<nm>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}}|\d{{2}})
    (?![\d/]|[.-]\d)
    |
    # month day year: Feb 23, 2016; Maret 30, 2015
    (?<!\w)(?P<mm>{_MONTH})[\s./-]*+(?P<md>\d{{1,2}}){_ORD}(?!\d)[\s,./-]*+(?P<my>\d{{4}})(?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Clock time with optional am/pm, and an optional zone after it.
_CLOCK = r"""
    (?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2})(?:[.,]\d+)?)?(?!\d)
    (?:\s*(?P<ap>[ap])\.?\s?m(?![^\W\d_])\.?)?
"""
_ZONE = r"""
    (?:\s*\(?\s*(?:
        (?P<abbr>WITA|WIB|WIT)(?![^\W\d_])
      | (?P<gmt>GMT|UTC)(?:\s*(?P<gs>[+\-−])\s*(?P<gh>\d{1,2})(?::?(?P<gm>\d{2}))?(?!\d))?
      | (?-i:(?P<z>Z))(?![^\W\d_])
      | (?P<ns>[+\-−])(?P<nh>\d{2}):?(?P<nm>\d{2})(?!\d)
    ))?
"""
# Between a date and the time after it: punctuation/space runs, optionally one connecting word or "T".
_SEP = r"""
    [\s,|)·•–—-]*+
    (?:(?:at|pukul|pkl|pk|jam|on)\.?(?![^\W\d_])[\s,|)·•–—-]*+|T\s*)?
"""
_TIME_AFTER_RE: Final = re.compile(_SEP + _CLOCK + _ZONE, re.IGNORECASE | re.VERBOSE)
# A time just before the date ("15:08:11 Jul 21, 2022", "19:30 WIB, Selasa 18 Juni 2024").
_TIME_BEFORE_RE: Final = re.compile(
    r"(?<![\d:.])" + _CLOCK + _ZONE + rf"[\s,|·•–—-]*+(?:{_DAY}[\s,]*+)?\Z",
    re.IGNORECASE | re.VERBOSE,
)
_TIME_BEFORE_WINDOW: Final = 64

# Fallbacks, used only with a reference time.
_YEARLESS_NUM_RE: Final = re.compile(
    rf"(?<!\w){_DAY}[\s,]*+(?:[^\W\d_]+\s+){{0,2}}\(?\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?![\d/])\s*\)?",
    re.IGNORECASE,
)
_YEARLESS_TXT_RE: Final = re.compile(
    rf"(?<![\w.])(?<![^\W\d_]-)(?P<d>\d{{1,2}}){_ORD}[\s./-]*+(?P<m>{_MONTH})"
    r"(?![\s,./-]*+\d{2,4}(?![\d:.]))",
    re.IGNORECASE,
)
_RELATIVE_RE: Final = re.compile(
    r"""
    (?<!\w)(?P<n>\d{1,3}|satu|se|an?|one)\s*
    (?P<u>detik|menit|jam|hari|minggu|pekan|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)
    \s+(?:yang\s+)?(?:lalu|ago)(?![^\W\d_])
    | (?<!\w)(?P<word>kemarin|yesterday|hari\s+ini|today)(?![^\W\d_])
    | (?<!\w)(?P<now>baru\s+saja|just\s+now)(?![^\W\d_])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_OFFSET_SPEC_RE: Final = re.compile(r"(?P<s>[+\-−])(?P<h>\d{2})(?::?(?P<m>\d{2}))?")

_UNIT_SECONDS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "detik": 1,
        "sec": 1,
        "second": 1,
        "menit": 60,
        "min": 60,
        "minute": 60,
        "jam": 3600,
        "hr": 3600,
        "hour": 3600,
    }
)
_UNIT_DAYS: Final[Mapping[str, int]] = MappingProxyType({"hari": 1, "day": 1, "minggu": 7, "pekan": 7, "week": 7})


class _Clock(NamedTuple):
    hour: int
    minute: int
    second: int
    offset: str | None  # "+07:00" style, or None when the text names no zone


# --------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------


def parse_date(text: str, *, default_offset: str = "+07:00", reference: datetime | None = None) -> str | None:
    """Return the first date(-time) in ``text`` as ISO 8601, or ``None``.

    ``"Selasa, 18 Juni 2024 | 19:30 WIB"`` -> ``"2024-06-18T19:30:00+07:00"``; ``"Diterbitkan 18 Juni
    2024"`` -> ``"2024-06-18"`` (no time is invented, so no offset either); ``"31 Februari 2024"`` ->
    ``None``.

    ``default_offset`` ("+07:00", "+0700", "Z" or a zone name from ``OFFSETS``) is used for times that state
    no zone; an unreadable value raises ``ValueError``. ``reference`` (the fetch time; naive means
    ``default_offset``) enables year-less ("Jumat (6/11)", "18 Juni") and relative ("2 menit lalu",
    "kemarin") dates, which are only tried when the text has no full date.
    """
    default = _offset_spec(default_offset)
    if not text:
        return None
    if "&" in text:
        text = html.unescape(text)
    for match in _DATE_RE.finditer(text):
        ymd = _match_ymd(match)
        if ymd is None:
            continue
        year, month, day, two_digit_year = ymd
        clock = _clock_after(text, match.end())
        if two_digit_year and clock is None:
            continue
        if clock is None:
            clock = _clock_before(text, match.start())
        return _format(date(year, month, day), clock, default)
    if reference is not None:
        try:
            return _parse_with_reference(text, reference, default)
        except OverflowError:  # a reference at the very edge of datetime's range
            return None
    return None


def to_utc(iso: str) -> datetime | None:
    """Aware UTC ``datetime`` for an ISO 8601 date-time with an offset (as ``parse_date`` returns).

    Returns ``None`` for a date-only value (it names a day, not an instant), for a date-time without an
    offset and for anything ``datetime.fromisoformat`` cannot read.
    """
    try:
        value = datetime.fromisoformat(iso.strip())
    except ValueError:
        return None
    if value.utcoffset() is None:
        return None
    return value.astimezone(UTC)


# --------------------------------------------------------------------------------------------------------
# Internals
# --------------------------------------------------------------------------------------------------------


@functools.cache
def _offset_spec(spec: str) -> str:
    """Normalise a caller-given offset ("+07:00", "+0700", "+07", "Z", "WIB") to "+HH:MM"."""
    named = OFFSETS.get(spec.strip().upper())
    if named is not None:
        return named
    m = _OFFSET_SPEC_RE.fullmatch(spec.strip())
    offset = _offset(m.group("s"), m.group("h"), m.group("m")) if m else None
    if offset is None:
        raise ValueError(f"unreadable UTC offset: {spec!r}")
    return offset


def _offset(sign: str, hours: str, minutes: str | None) -> str | None:
    h = int(hours)
    mi = int(minutes) if minutes else 0
    if mi > 59 or h * 60 + mi > _MAX_OFFSET_MINUTES:
        return None
    return f"{'-' if sign in '-−' else '+'}{h:02d}:{mi:02d}"


def _valid_ymd(year: int, month: int, day: int) -> bool:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12 and day >= 1):
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _match_ymd(m: re.Match[str]) -> tuple[int, int, int, bool] | None:
    """(year, month, day, two_digit_year) for a ``_DATE_RE`` match, or None if it is no possible date."""
    two_digit = False
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("td"):
        year, month, day = int(m.group("ty")), MONTHS[_month_key(m.group("tm"))], int(m.group("td"))
    elif m.group("nd"):
        raw_year = m.group("ny")
        year, month, day = int(raw_year), int(m.group("nm")), int(m.group("nd"))
        if len(raw_year) == 2:
            if m.group("nsep") == ".":  # "1.2.10" is a version number far more often than a date
                return None
            two_digit = True
            year += 1900 if year >= 90 else 2000
    else:
        year, month, day = int(m.group("my")), MONTHS[_month_key(m.group("mm"))], int(m.group("md"))
    if not _valid_ymd(year, month, day):
        return None
    return year, month, day, two_digit


# re.IGNORECASE also matches "ı", "İ", "ſ" and the Kelvin sign against i/s/k; fold them before table look-ups.
_FOLD: Final = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def _fold(name: str) -> str:
    return name.translate(_FOLD).lower()


def _month_key(name: str) -> str:
    return _fold(name.rstrip("."))


def _clock_after(text: str, pos: int) -> _Clock | None:
    m = _TIME_AFTER_RE.match(text, pos)
    return _clock_from(m) if m else None


def _clock_before(text: str, pos: int) -> _Clock | None:
    window = text[max(0, pos - _TIME_BEFORE_WINDOW) : pos]
    m = _TIME_BEFORE_RE.search(window)
    return _clock_from(m) if m else None


def _clock_from(m: re.Match[str]) -> _Clock | None:
    """Validated clock time and zone of a ``_CLOCK`` + ``_ZONE`` match; None if impossible."""
    hour, minute = int(m.group("h")), int(m.group("mi"))
    second = int(m.group("s")) if m.group("s") else 0
    ampm = m.group("ap")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    offset: str | None = None
    if m.group("abbr"):
        offset = OFFSETS[_fold(m.group("abbr")).upper()]
    elif m.group("gmt"):
        offset = _offset(m.group("gs"), m.group("gh"), m.group("gm")) if m.group("gs") else "+00:00"
        if offset is None:  # "GMT+25": a zone was stated but is garbage; don't guess the instant
            return None
    elif m.group("z"):
        offset = "+00:00"
    elif m.group("ns"):
        offset = _offset(m.group("ns"), m.group("nh"), m.group("nm"))
        if offset is None:
            return None
    return _Clock(hour, minute, second, offset)


def _format(day: date, clock: _Clock | None, default_offset: str) -> str:
    if clock is None:
        return day.isoformat()
    offset = clock.offset or default_offset
    return f"{day.isoformat()}T{clock.hour:02d}:{clock.minute:02d}:{clock.second:02d}{offset}"


def _tz(offset: str) -> timezone:
    sign = -1 if offset[0] == "-" else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))


def _parse_with_reference(text: str, reference: datetime, default_offset: str) -> str | None:
    """Year-less and relative dates, resolved against ``reference`` in ``default_offset`` local time."""
    tz = _tz(default_offset)
    ref = reference.astimezone(tz) if reference.utcoffset() is not None else reference.replace(tzinfo=tz)
    candidates: list[tuple[int, str]] = []

    m = _YEARLESS_NUM_RE.search(text)
    if m:
        found = _nearest_year(ref.date(), int(m.group("m")), int(m.group("d")))
        if found:
            candidates.append((m.start(), _format(found, _clock_after(text, m.end()), default_offset)))
    m = _YEARLESS_TXT_RE.search(text)
    if m:
        found = _nearest_year(ref.date(), MONTHS[_month_key(m.group("m"))], int(m.group("d")))
        if found:
            candidates.append((m.start(), _format(found, _clock_after(text, m.end()), default_offset)))
    m = _RELATIVE_RE.search(text)
    if m:
        relative = _relative(m, text, ref, default_offset)
        if relative:
            candidates.append((m.start(), relative))
    return min(candidates)[1] if candidates else None


def _nearest_year(ref: date, month: int, day: int) -> date | None:
    options = [date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1) if _valid_ymd(y, month, day)]
    return min(options, key=lambda d: (abs((d - ref).days), d)) if options else None


def _relative(m: re.Match[str], text: str, ref: datetime, default_offset: str) -> str | None:
    if m.group("now"):
        return ref.replace(microsecond=0).isoformat() if _MIN_YEAR <= ref.year <= _MAX_YEAR else None
    word = m.group("word")
    if word:
        day = ref.date() - timedelta(days=1 if _fold(word) in ("kemarin", "yesterday") else 0)
        if not _MIN_YEAR <= day.year <= _MAX_YEAR:
            return None
        return _format(day, _clock_after(text, m.end()), default_offset)
    raw = m.group("n")
    count = int(raw) if raw.isdigit() else 1
    unit = _fold(m.group("u"))
    if unit not in _UNIT_SECONDS and unit not in _UNIT_DAYS:
        unit = unit[:-1]  # plural: "minutes", "hrs", "days"
    if unit in _UNIT_DAYS:
        day = ref.date() - timedelta(days=count * _UNIT_DAYS[unit])
        return day.isoformat() if _MIN_YEAR <= day.year <= _MAX_YEAR else None
    moment = ref.replace(microsecond=0) - timedelta(seconds=count * _UNIT_SECONDS[unit])
    return moment.isoformat() if _MIN_YEAR <= moment.year <= _MAX_YEAR else None
