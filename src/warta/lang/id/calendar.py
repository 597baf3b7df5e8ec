"""Calendar names in Indonesian and English: months, days of the week, time zones.

Shared by the metadata date parser (``warta.extract.dates``) and the dates-in-text layer
(``warta.lang.id.timex``), so both read "Agt", "Jum'at" and "WITA" the same way. The tables
are small and commented; they are plain constants, built at import without file I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["DAY_NAMES", "MONTHS", "OFFSETS", "WEEKDAYS_ID"]

# --------------------------------------------------------------------------------------------------------
# Data tables (lower case). Keys are matched case-insensitively and as whole words; longer names are tried
# before their prefixes ("juni" before "jun"), so abbreviations never eat part of a full name.
# --------------------------------------------------------------------------------------------------------

MONTHS: Final[Mapping[str, int]] = MappingProxyType(
    {
        # Indonesian full names, with the older spellings "Pebruari" and "Nopember".
        "januari": 1,
        "februari": 2,
        "pebruari": 2,
        "maret": 3,
        "april": 4,
        "mei": 5,
        "juni": 6,
        "juli": 7,
        "agustus": 8,
        "september": 9,
        "oktober": 10,
        "november": 11,
        "nopember": 11,
        "desember": 12,
        # English full names (only those spelled differently from the Indonesian ones).
        "january": 1,
        "february": 2,
        "march": 3,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "october": 10,
        "december": 12,
        # Abbreviations, Indonesian and English (a trailing dot is allowed: "Sept.", "Agt.").
        "jan": 1,
        "feb": 2,
        "peb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "ags": 8,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "okt": 10,
        "oct": 10,
        "nov": 11,
        "nop": 11,
        "des": 12,
        "dec": 12,
    }
)

# Indonesian day names (with the "Jum'at" spelling and "Ahad" for Sunday) and their weekday numbers, Monday
# = 0 as in ``date.weekday()``; ``warta.lang.id.timex`` uses the numbers to resolve "Senin lalu".
WEEKDAYS_ID: Final[Mapping[str, int]] = MappingProxyType(
    {
        "senin": 0,
        "selasa": 1,
        "rabu": 2,
        "kamis": 3,
        "jumat": 4,
        "jum'at": 4,
        "jum’at": 4,
        "sabtu": 5,
        "minggu": 6,
        "ahad": 6,
    }
)

# Day names, Indonesian and English. They are noise for full dates; they are *required* before a year-less
# numeric date "Jumat (6/11)", which would otherwise be indistinguishable from a fraction or a score.
DAY_NAMES: Final[frozenset[str]] = frozenset(WEEKDAYS_ID) | frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    }
)

# Zone names seen after clock times, with their fixed offsets (Indonesia has no daylight saving time).
OFFSETS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "WIB": "+07:00",  # Waktu Indonesia Barat (Sumatra, Java, West/Central Kalimantan)
        "WITA": "+08:00",  # Waktu Indonesia Tengah (Bali, Nusa Tenggara, Sulawesi, ...)
        "WIT": "+09:00",  # Waktu Indonesia Timur (Maluku, Papua)
        "GMT": "+00:00",
        "UTC": "+00:00",
        "Z": "+00:00",
    }
)
