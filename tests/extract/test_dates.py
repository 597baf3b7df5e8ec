"""Tests for warta.extract.dates: real byline/meta strings, the brief's forms, negatives and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.dates import DAY_NAMES, MONTHS, OFFSETS, parse_date, to_utc

# --------------------------------------------------------------------------------------------------------
# Strings copied verbatim from the real pages under /work/shared/corpora/pages-id/ and the seed article
# (/work/shared/seed/tribuntoraja-putin-korea-utara.txt). Source noted per row.
# --------------------------------------------------------------------------------------------------------
REAL: list[tuple[str, str, str | None]] = [
    # anpandu-2015 / antara: <time itemprop="datePublished"> text and its datetime attribute
    ("antara", "Kamis, 5 November 2015 14:56 WIB", "2015-11-05T14:56:00+07:00"),
    ("antara", "2015-11-05T14:56:43+07:00", "2015-11-05T14:56:43+07:00"),
    ("antara2", "Selasa, 23 Februari 2016 14:49 WIB", "2016-02-23T14:49:00+07:00"),
    ("antara3", "2016-02-23T14:39:42+07:00", "2016-02-23T14:39:42+07:00"),
    ("antara4", "Selasa, 23 Februari 2016 15:06 WIB | 998 Views", "2016-02-23T15:06:00+07:00"),
    ("antara4", "Selasa, 23/02/2016", "2016-02-23"),
    ("antara5", "Senin, 15 Mei 2017 18:43 WIB", "2017-05-15T18:43:00+07:00"),
    ("antara rss", "Thu, 05 Nov 2015 15:08:01 +0700", "2015-11-05T15:08:01+07:00"),
    ("antara body", "pukul 08.45 WITA.", None),
    # detik: byline, list items (with a doubled zone), meta pubdate. The meta value says "Z" but is really
    # WIB (ground truth 03:08:58Z); we read what the text says - a publisher bug is not ours to guess.
    ("detik", "Kamis, 05/11/2015 10:08 WIB", "2015-11-05T10:08:00+07:00"),
    ("detik", "Sabtu, 31/10/2015 13:28 WIB WIB", "2015-10-31T13:28:00+07:00"),
    ("detik", "2015-11-05 T10:08:58Z", "2015-11-05T10:08:58+00:00"),
    ("detik rss", "Thu, 05 Nov 2015 03:12:42 GMT", "2015-11-05T03:12:42+00:00"),
    ("detik2", "Selasa, 23/02/2016 15:32 WIB", "2016-02-23T15:32:00+07:00"),
    ("detik2 caption", "Milenium, Balaraja, Tangerang, Selasa (23/02/2016).", "2016-02-23"),
    ("detik homepage 2022", "Rabu, 02 Nov 2022 17:11 WIB", "2022-11-02T17:11:00+07:00"),
    # kapanlagi: byline without a zone (publisher time = WIB)
    ("kapanlagi", "Kamis, 05 November 2015 11:52", "2015-11-05T11:52:00+07:00"),
    ("kapanlagi2", "Minggu, 14 Februari 2016 09:15", "2016-02-14T09:15:00+07:00"),
    ("kapanlagi3", "Selasa, 23 Februari 2016 | 14:54 WIB", "2016-02-23T14:54:00+07:00"),
    ("kapanlagi http-equiv", "Tue, 22 Jan 2013 02:30:01 GMT", "2013-01-22T02:30:01+00:00"),
    # kompas
    ("kompas", "Rabu, 4 November 2015 | 21:04 WIB", "2015-11-04T21:04:00+07:00"),
    ("kompas", "Rabu, 4 November 2015", "2015-11-04"),
    ("kompas", "Rabu (4/11/205).", None),  # the page's own typo: no year, no date
    ("kompas2", "<!-- date: 2016-02-16 14:59-->", "2016-02-16T14:59:00+07:00"),
    ("kompas2", "n RB, Senayan, Jakarta Selatan, Selasa (16/2/2016)", "2016-02-16"),
    ("kompas", "<!-- 22 DESEMBER 2015, TEMPLATE KOMENTAR BARU -->", "2015-12-22"),
    # liputan6
    ("liputan6", "on 16 Feb 2016 at 09:10 WIB", "2016-02-16T09:10:00+07:00"),
    ("liputan6", "2016-02-16 09:10:56", "2016-02-16T09:10:56+07:00"),
    ("liputan6", "2016-02-16T02:10:56Z", "2016-02-16T02:10:56+00:00"),
    ("liputan6 list", "30 Des 2015 14:18", "2015-12-30T14:18:00+07:00"),
    ("liputan6 list", "Selasa, 16 Feb 2016 - 11:00 WIB", "2016-02-16T11:00:00+07:00"),
    ("liputan6", "Minggu (14/2/2016) malam WIB.", "2016-02-14"),
    ("liputan6", "Paulette dan Simone lahir pada 30 Januari 1912 di Limeray", None),  # before 1990
    ("liputan6", "2014-07-13T20:07:27.8200000", "2014-07-13T20:07:27+07:00"),
    # okezone: lower-case zone, "Jum'at"
    ("okezone", "Kamis, 5 November 2015 - 15:56 wib", "2015-11-05T15:56:00+07:00"),
    ("okezone2", "| Jum'at, 17 Februari 2017 - 13:30 wib", "2017-02-17T13:30:00+07:00"),
    ("okezone2", "2017-02-17 13:30:08", "2017-02-17T13:30:08+07:00"),
    ("okezone", "Rabu, 25 Februari 2015 - 07:50 WIB", "2015-02-25T07:50:00+07:00"),
    # republika: comma before the time, a space before the comma, Hijri date first, English months
    ("republika", "Senin, 15 Februari 2016, 16:15 WIB", "2016-02-15T16:15:00+07:00"),
    ("republika3", "Jumat , 17 February 2017, 13:16 WIB", "2017-02-17T13:16:00+07:00"),
    ("republika3", "Jumat, 20 Jumadil Awwal 1438 / 17 February 2017", "2017-02-17"),
    ("republika3", "Last Update : Monday, 06 February 2017", "2017-02-06"),
    ("republika3", "sejak tanggal 13 sampai dengan 25 Pebruari 2017", "2017-02-25"),
    # tempo (Indonesian and English editions)
    ("tempo", "Kamis, 05 November 2015 | 11:13 WIB", "2015-11-05T11:13:00+07:00"),
    ("tempo", "kamis, 05 november 2015", "2015-11-05"),
    ("tempo-en", "Wednesday, 04 November, 2015 | 07:28 WIB", "2015-11-04T07:28:00+07:00"),
    ("tempo-en", "Wednesday, 04/11/2015 | 17:14 WIB", "2015-11-04T17:14:00+07:00"),
    # viva: basic-format offset in article:published_time
    ("viva", "2016-02-16T13:01:52+0700", "2016-02-16T13:01:52+07:00"),
    ("viva", "Selasa, 16 Februari 2016 | 13:01 WIB", "2016-02-16T13:01:00+07:00"),
    ("viva", "February 16, 2016", "2016-02-16"),
    # mediacloud-jpnn-2021: HTML entity between date and time; JSON-LD
    ("jpnn", "Minggu, 18 Juli 2021 &ndash; 18:52 WIB", "2021-07-18T18:52:00+07:00"),
    ("jpnn", "Minggu, 18 Juli 2021 – 18:52 WIB", "2021-07-18T18:52:00+07:00"),
    ("jpnn", "2021-07-18T18:52:00+07:00", "2021-07-18T18:52:00+07:00"),
    ("jpnn wayback", "FILE ARCHIVED ON 15:08:11 Jul 21, 2022 AND RETRIEVED", "2022-07-21T15:08:11+07:00"),
    # fundus-mediaindonesia: <span class="datetime">, JSON-LD, Fundus' expected publishing_date
    ("mediaindonesia", " 22/10/2025 06:59", "2025-10-22T06:59:00+07:00"),
    ("mediaindonesia", " 08/1/2026 20:19", "2026-01-08T20:19:00+07:00"),
    ("mediaindonesia", " 20/1/2026 18:30", "2026-01-20T18:30:00+07:00"),
    ("mediaindonesia", "2026-01-20T18:33:13+07:00", "2026-01-20T18:33:13+07:00"),
    ("mediaindonesia", "2025-10-22 06:59:00+07:00", "2025-10-22T06:59:00+07:00"),
    ("mediaindonesia", "IHSG Hari Ini Kamis 8 Januari 2026: Dibuka Menguat", "2026-01-08"),
    # scrapinghub-id-2015 (WordPress): Indonesian month names in English order
    ("scrapinghub", "2015-03-30T02:40:29+00:00", "2015-03-30T02:40:29+00:00"),
    ("scrapinghub", "Maret 30, 2015", "2015-03-30"),
    ("scrapinghub", "Desember 30, 2015 at 4:36 am", "2015-12-30T04:36:00+07:00"),
    ("scrapinghub", "Oktober 27, 2015", "2015-10-27"),
    # seed: tribuntoraja
    (
        "tribuntoraja",
        "Kim Jong Un bertemu presiden Vladimir Putin di Rusia, Selasa (13/6/2023) silam.",
        "2023-06-13",
    ),
    ("tribuntoraja", "dijadwalkan mengunjungi Korea Utara pada Selasa malam (18/6/2024).", "2024-06-18"),
    ("tribuntoraja", "Gedung Putih pada Senin (17/6/2024) menyatakan", "2024-06-17"),
    ("tribuntoraja", "© 2025 TRIBUNnews.com Network,a subsidiary of KG Media.", None),
    ("tribuntoraja", "Penulis: Redaksi | Editor: Donny Yosua", None),
]


@pytest.mark.parametrize(("source", "text", "expected"), REAL, ids=[f"{s}:{t[:40]}" for s, t, _ in REAL])
def test_real_strings(source: str, text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


# The brief's forms.
BRIEF: list[tuple[str, str | None]] = [
    ("2024-06-18T19:30:00+07:00", "2024-06-18T19:30:00+07:00"),
    ("2024-06-18T12:30:00Z", "2024-06-18T12:30:00+00:00"),
    ("2024-06-18 19:30:00", "2024-06-18T19:30:00+07:00"),
    ("2024-06-18T19:30:00.000+0700", "2024-06-18T19:30:00+07:00"),
    ("2015-11-05T07:56:43Z", "2015-11-05T07:56:43+00:00"),
    ("2024-06-18T19:30:00-05:00", "2024-06-18T19:30:00-05:00"),
    ("Selasa, 18 Juni 2024 19:30 WIB", "2024-06-18T19:30:00+07:00"),
    ("Selasa, 18 Juni 2024 | 19:30 WIB", "2024-06-18T19:30:00+07:00"),
    ("18 Juni 2024, 19:30 WIB", "2024-06-18T19:30:00+07:00"),
    ("Kamis, 05 Nov 2015 15:56 WIB", "2015-11-05T15:56:00+07:00"),
    ("Selasa 18 Jun 2024 19.30 WIB", "2024-06-18T19:30:00+07:00"),
    ("18/06/2024, 19:30 WIB", "2024-06-18T19:30:00+07:00"),
    ("18/6/2024 19:30", "2024-06-18T19:30:00+07:00"),
    ("Selasa (18/6/2024)", "2024-06-18"),
    ("18-06-2024 19:30", "2024-06-18T19:30:00+07:00"),
    ("18.06.2024 19.30", "2024-06-18T19:30:00+07:00"),
    ("Rabu, 2 November 2022 17:09 WITA", "2022-11-02T17:09:00+08:00"),
    ("Rabu, 2 November 2022 09:00 WIT", "2022-11-02T09:00:00+09:00"),
    ("Senin, 23 Feb 2016 16:00", "2016-02-23T16:00:00+07:00"),
    ("23 Februari 2016 - 16:00", "2016-02-23T16:00:00+07:00"),
    ("Feb 23, 2016 4:00 PM", "2016-02-23T16:00:00+07:00"),
    ("Feb 23, 2016 12:05 a.m.", "2016-02-23T00:05:00+07:00"),
    ("Tuesday, 23 February 2016 16:00", "2016-02-23T16:00:00+07:00"),
    ("Diterbitkan 18 Juni 2024", "2024-06-18"),
    ("Published: 2016-02-23", "2016-02-23"),
    ("Senin, 17 Juni 2024 pukul 08.00 WIB", "2024-06-17T08:00:00+07:00"),
    ("18 Juni 2024 19:30 GMT+7", "2024-06-18T19:30:00+07:00"),
    ("18 Juni 2024 19:30 GMT+07:00", "2024-06-18T19:30:00+07:00"),
    ("18 Juni 2024 19:30 UTC+8", "2024-06-18T19:30:00+08:00"),
    ("18 Juni 2024 19:30 GMT", "2024-06-18T19:30:00+00:00"),
    ("18 Juni 2024 19:30 (WIB)", "2024-06-18T19:30:00+07:00"),
    ("18 Juni 2024 19:30 +0700", "2024-06-18T19:30:00+07:00"),
    ("19:30 WIB, Selasa 18 Juni 2024", "2024-06-18T19:30:00+07:00"),
    ("2024/06/18 19:30", "2024-06-18T19:30:00+07:00"),
    ("18-Jun-2024", "2024-06-18"),
    ("18 Jun. 2024", "2024-06-18"),
    ("29 Februari 2024", "2024-02-29"),
    ("1st March 2024", "2024-03-01"),
    ("5 Sept. 2023", "2023-09-05"),
    ("Jumat, 1 Maret 2024 23:59:59 WIB", "2024-03-01T23:59:59+07:00"),
    ("18/06/24 19:30", "2024-06-18T19:30:00+07:00"),  # two-digit year: only with a clock time
    ("18 Juni 2024 25:00", "2024-06-18"),  # impossible time: the date stands, no time invented
    ("Juni 12, 2024", "2024-06-12"),
    ("18 Juni 2100", "2100-06-18"),
    ("1 Januari 1990", "1990-01-01"),
]


@pytest.mark.parametrize(("text", "expected"), BRIEF)
def test_brief_forms(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("Januari", 1),
        ("Jan", 1),
        ("Februari", 2),
        ("Feb", 2),
        ("Pebruari", 2),
        ("Maret", 3),
        ("Mar", 3),
        ("April", 4),
        ("Apr", 4),
        ("Mei", 5),
        ("May", 5),
        ("Juni", 6),
        ("Jun", 6),
        ("Juli", 7),
        ("Jul", 7),
        ("Agustus", 8),
        ("Agu", 8),
        ("Agt", 8),
        ("Ags", 8),
        ("Aug", 8),
        ("September", 9),
        ("Sep", 9),
        ("Sept", 9),
        ("Oktober", 10),
        ("Okt", 10),
        ("Oct", 10),
        ("November", 11),
        ("Nov", 11),
        ("Nop", 11),
        ("Desember", 12),
        ("Des", 12),
        ("Dec", 12),
        ("March", 3),
        ("August", 8),
    ],
)
def test_month_names_any_case(name: str, number: int) -> None:
    expected = f"2021-{number:02d}-07"
    for variant in (name, name.upper(), name.lower()):
        assert parse_date(f"7 {variant} 2021") == expected
        assert parse_date(f"{variant} 7, 2021") == expected


NEGATIVE: list[str] = [
    "",
    "   ",
    "Tidak ada tanggal di sini",
    "31 Februari 2024",
    "29 Februari 2023",
    "30 Februari 2024 19:30 WIB",
    "31/04/2024",
    "2024-13-01",
    "2024-02-30T10:00:00+07:00",
    "18 Juni 1989",
    "18 Juni 2101",
    "Juni 2024",  # month precision only: no day invented
    "0812-3456-7890",
    "+62 812 3456 7890",
    "(021) 3456-7890",
    "3.016 orang",
    "Total ada 3.016 orang penumpang domestik dan 348 orang penumpang internasional",
    "Rp 1.250.000",
    "skor 2-1",
    "18/06/24",  # two-digit year without a clock time: ambiguous
    "created 10/10/11",
    "9/24/2010",  # US month-first; never swapped
    "Covid-19 Maret 2020",  # "19" belongs to "Covid-19"
    "18/6",  # year-less: only with a reference
    "2 menit lalu",  # relative: only with a reference
    "versi 1.2.10",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text: str) -> None:
    assert parse_date(text) is None


def test_first_valid_date_wins() -> None:
    assert parse_date("Dibuat 18 Juni 2024, diperbarui 19 Juni 2024 10:00 WIB") == "2024-06-18"
    # an impossible date is skipped, not "repaired"
    assert parse_date("31 Februari 2024 / 1 Maret 2024") == "2024-03-01"


def test_default_offset() -> None:
    assert parse_date("18 Juni 2024 19:30", default_offset="+08:00") == "2024-06-18T19:30:00+08:00"
    assert parse_date("18 Juni 2024 19:30", default_offset="WITA") == "2024-06-18T19:30:00+08:00"
    assert parse_date("18 Juni 2024 19:30", default_offset="+0530") == "2024-06-18T19:30:00+05:30"
    assert parse_date("18 Juni 2024 19:30", default_offset="Z") == "2024-06-18T19:30:00+00:00"
    # a stated zone beats the default; date-only values get no offset at all
    assert parse_date("18 Juni 2024 19:30 WIT", default_offset="Z") == "2024-06-18T19:30:00+09:00"
    assert parse_date("18 Juni 2024", default_offset="+08:00") == "2024-06-18"
    with pytest.raises(ValueError):
        parse_date("18 Juni 2024", default_offset="Asia/Jakarta")


# --------------------------------------------------------------------------------------------------------
# Cross-check with the anpandu-2015 ground truth (date_iso_utc): the visible byline, read as WIB, gives the
# annotated publication instant (to the minute; bylines carry no seconds).
# --------------------------------------------------------------------------------------------------------
GROUND_TRUTH: list[tuple[str, str]] = [
    ("Kamis, 5 November 2015 14:56 WIB", "2015-11-05T07:56:43Z"),  # antara
    ("Selasa, 23 Februari 2016 15:06 WIB | 998 Views", "2016-02-23T08:06:00Z"),  # antara4
    ("Senin, 15 Mei 2017 18:43 WIB", "2017-05-15T11:43:56Z"),  # antara5
    ("Kamis, 05/11/2015 10:08 WIB", "2015-11-05T03:08:58Z"),  # detik
    ("Kamis, 05 November 2015 11:52", "2015-11-05T04:52:00Z"),  # kapanlagi
    ("Minggu, 14 Februari 2016 09:15", "2016-02-14T02:15:00Z"),  # kapanlagi2
    ("Selasa, 23 Februari 2016 11:22", "2016-02-23T04:22:00Z"),  # kapanlagi3
    ("Rabu, 4 November 2015 | 21:04 WIB", "2015-11-04T14:04:00Z"),  # kompas
    ("Selasa, 16 Februari 2016 | 14:38 WIB", "2016-02-16T07:38:00Z"),  # kompas2
    ("Selasa, 16 Februari 2016 | 14:11 WIB", "2016-02-16T07:11:00Z"),  # kompas3
    ("Selasa, 23 Februari 2016 | 16:37 WIB", "2016-02-23T09:37:00Z"),  # kompas4
    ("Selasa, 23 Februari 2016 | 16:52 WIB", "2016-02-23T09:52:00Z"),  # kompas5
    ("on 16 Feb 2016 at 09:10 WIB", "2016-02-16T02:10:56Z"),  # liputan6
    ("on 16 Feb 2016 at 09:20 WIB", "2016-02-16T02:20:00Z"),  # liputan6-2
    ("2016-02-16 09:09:27", "2016-02-16T02:09:27Z"),  # liputan6-3 <time datetime>
    ("Kamis, 5 November 2015 - 15:56 wib", "2015-11-05T08:56:00Z"),  # okezone
    ("| Jum'at, 17 Februari 2017 - 13:30 wib", "2017-02-17T06:30:00Z"),  # okezone2
    ("Senin, 15 Februari 2016, 16:15 WIB", "2016-02-15T09:15:00Z"),  # republika
    ("Selasa, 23 Februari 2016, 17:15 WIB", "2016-02-23T10:15:00Z"),  # republika2
    ("Jumat , 17 February 2017, 13:16 WIB", "2017-02-17T06:16:00Z"),  # republika3
    ("Kamis, 05 November 2015 | 11:13 WIB", "2015-11-05T04:13:00Z"),  # tempo
    ("Wednesday, 04 November, 2015 | 07:28 WIB", "2015-11-04T00:28:00Z"),  # tempo-english
    ("Selasa, 16 Februari 2016 | 13:01 WIB", "2016-02-16T06:01:00Z"),  # viva
]


@pytest.mark.parametrize(("byline", "truth"), GROUND_TRUTH)
def test_bylines_match_ground_truth(byline: str, truth: str) -> None:
    parsed = parse_date(byline)
    assert parsed is not None
    instant = to_utc(parsed)
    expected = datetime.fromisoformat(truth)
    assert instant is not None
    assert instant == expected.replace(second=0) or instant == expected


# --------------------------------------------------------------------------------------------------------
# Year-less and relative dates need a reference.
# --------------------------------------------------------------------------------------------------------
REF = datetime(2015, 11, 5, 10, 0)  # naive: read as default_offset (WIB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jumat (6/11) pukul 08.45 WITA", "2015-11-06T08:45:00+08:00"),  # antara body, next day
        ("Selasa (21/10)", "2015-10-21"),  # past
        ("Kamis, (4/1)", "2016-01-04"),  # nearest 4 January to 5 Nov 2015 is the coming one
        ("18 Juni", "2015-06-18"),
        ("Rabu, 30 Desember 19:30", "2015-12-30T19:30:00+07:00"),
        ("2 menit lalu", "2015-11-05T09:58:00+07:00"),  # tempo front page
        ("13 menit lalu", "2015-11-05T09:47:00+07:00"),
        ("sejam yang lalu", "2015-11-05T09:00:00+07:00"),
        ("3 jam yang lalu", "2015-11-05T07:00:00+07:00"),
        ("3 hari lalu", "2015-11-02"),
        ("seminggu lalu", "2015-10-29"),
        ("2 hours ago", "2015-11-05T08:00:00+07:00"),
        ("kemarin", "2015-11-04"),
        ("Kemarin, 19:30 WIB", "2015-11-04T19:30:00+07:00"),
        ("Hari ini 08:15", "2015-11-05T08:15:00+07:00"),
        ("baru saja", "2015-11-05T10:00:00+07:00"),
        ("18 Juni 2024", "2024-06-18"),  # a full date ignores the reference
        ("1/2 kg gula", None),  # a fraction, not "(1/2)" after a day name
        ("tanpa tanggal", None),
    ],
)
def test_with_reference(text: str, expected: str | None) -> None:
    assert parse_date(text, reference=REF) == expected


def test_reference_aware_is_taken_in_local_time() -> None:
    # 20:00Z on 4 Nov is 03:00 WIB on 5 Nov, so "kemarin" is 4 Nov local.
    ref = datetime(2015, 11, 4, 20, 0, tzinfo=UTC)
    assert parse_date("kemarin", reference=ref) == "2015-11-04"
    assert parse_date("5 menit lalu", reference=ref) == "2015-11-05T02:55:00+07:00"


# --------------------------------------------------------------------------------------------------------
# to_utc
# --------------------------------------------------------------------------------------------------------


def test_to_utc() -> None:
    assert to_utc("2024-06-18T19:30:00+07:00") == datetime(2024, 6, 18, 12, 30, tzinfo=UTC)
    assert to_utc("2024-06-18T19:30:00+09:00") == datetime(2024, 6, 18, 10, 30, tzinfo=UTC)
    assert to_utc("2015-11-05T07:56:43Z") == datetime(2015, 11, 5, 7, 56, 43, tzinfo=UTC)
    assert to_utc("2024-06-18") is None  # a day, not an instant
    assert to_utc("2024-06-18T19:30:00") is None  # naive: offset unknown
    assert to_utc("kemarin") is None
    utc = to_utc("2024-06-18T19:30:00+07:00")
    assert utc is not None and utc.tzinfo is UTC


def test_tables() -> None:
    assert OFFSETS["WIB"] == "+07:00" and OFFSETS["WITA"] == "+08:00" and OFFSETS["WIT"] == "+09:00"
    assert set(MONTHS.values()) == set(range(1, 13))
    assert {"senin", "jumat", "jum'at", "ahad", "tuesday"} <= DAY_NAMES


# --------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------


def _assert_iso(result: str | None) -> None:
    if result is None:
        return
    if "T" in result:
        value = datetime.fromisoformat(result)
        assert value.utcoffset() is not None
        assert result == value.isoformat(timespec="seconds")
        assert to_utc(result) is not None
    else:
        assert date.fromisoformat(result).isoformat() == result
    year = int(result[:4])
    assert 1990 <= year <= 2100


@settings(max_examples=400)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    _assert_iso(parse_date(text))


# Date-shaped noise: tokens the parser reacts to, glued together at random.
_DATEISH = st.lists(
    st.sampled_from(
        [
            *"0123456789/-:.,|() +TZ",
            *("Juni", "Feb", "Mei", "Sept.", "WIB", "WITA", "WIT", "GMT", "UTC", "pm", "Selasa", "Jum'at"),
            *("ı", "ſ", "lalu", "menit", "jam", "hari", "kemarin", "at", "pukul", "2024", "1999", "31", "29"),
            *("\xa0", "&ndash;"),
        ]
    ),
    max_size=30,
).map("".join)


_REFERENCES = st.none() | st.datetimes() | st.datetimes(timezones=st.just(UTC))


@settings(max_examples=600)
@given(_DATEISH, _REFERENCES, st.sampled_from(["+07:00", "Z", "-12:00", "+14:00", "WITA"]))
def test_never_raises_on_dateish_text(text: str, reference: datetime | None, offset: str) -> None:
    _assert_iso(parse_date(text, reference=reference, default_offset=offset))


@pytest.mark.parametrize("text", ["kemarin", "5 menit lalu", "999 minggu lalu", "baru saja", "18 Juni", "x"])
@pytest.mark.parametrize(
    "reference",
    [datetime.min, datetime.max, datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)],
)
def test_extreme_reference(text: str, reference: datetime) -> None:
    for offset in ("-12:00", "+14:00"):
        assert parse_date(text, reference=reference, default_offset=offset) is None


_ID_MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31, 23, 59)),
    st.sampled_from(sorted(_ZONES)),
    st.sampled_from(["{day}, {d} {mon} {y} {t} {z}", "{day}, {d} {mon} {y} | {t} {z}", "{dd}/{mm}/{y}, {t} {z}"]),
    st.sampled_from([":", "."]),
)
def test_round_trip(moment: datetime, zone: str, template: str, clock_sep: str) -> None:
    text = template.format(
        day="Selasa",
        d=moment.day,
        dd=f"{moment.day:02d}",
        mm=moment.month,
        mon=_ID_MONTHS[moment.month - 1],
        y=moment.year,
        t=f"{moment.hour:02d}{clock_sep}{moment.minute:02d}",
        z=zone,
    )
    expected = moment.replace(second=0, microsecond=0, tzinfo=timezone(timedelta(hours=_ZONES[zone])))
    assert parse_date(text) == expected.isoformat()


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_date_only_round_trip(day: date) -> None:
    assert parse_date(f"Diterbitkan {day.day} {_ID_MONTHS[day.month - 1]} {day.year}") == day.isoformat()
    assert parse_date(f"Published: {day.isoformat()}") == day.isoformat()
