"""Tests for warta.lang.id.timex: dates in running text, the seed article, negatives and properties."""

from __future__ import annotations

import re
import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from warta.lang.id.timex import estimate_reference, find_dates, lower_same_length

from conftest import SAMPLES

REF = date(2024, 6, 18)  # a Tuesday

# --------------------------------------------------------------------------------------------------
# The seed article: no published date, so the reference is estimated from its own explicit dates.
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> warta.Article:
    return warta.extract((SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt").read_bytes())


def _fields(article: warta.Article) -> list[tuple[str, int, str]]:
    out = [("title", 0, article.title or ""), ("description", 0, article.description or "")]
    out += [("caption", i, image.caption or "") for i, image in enumerate(article.images)]
    return [*out, ("body", 0, article.text)]


SEED_DATES = [
    # field, text, value, granularity, relative, resolved with the (estimated) reference
    ("caption", "Selasa (13/6/2023)", "2023-06-13", "day", False, False),
    ("body", "Selasa malam (18/6/2024)", "2024-06-18", "day", False, False),
    ("body", "tahun 2000", "2000", "year", False, False),
    ("body", "bulan lalu", "2024-05", "month", True, True),
    ("body", "Tahun lalu", "2023", "year", True, True),
    ("body", "Senin (17/6/2024)", "2024-06-17", "day", False, False),
]


def test_seed_dates(seed: warta.Article) -> None:
    assert seed.published is None
    fields = _fields(seed)
    reference = estimate_reference(text for _, _, text in fields)
    assert reference == date(2024, 6, 18)  # the latest explicit full date: "Selasa malam (18/6/2024)"
    found = [
        d
        for field, index, text in fields
        for d in find_dates(text, reference=reference, reference_estimated=True, field=field, index=index)
    ]
    got = [(d.field, d.text, d.value, d.granularity, d.relative, d.reference is not None) for d in found]
    assert got == SEED_DATES
    for d in found:
        assert d.reference_estimated == (d.reference == "2024-06-18")
        text = dict(((f, i), t) for f, i, t in fields)[(d.field, d.index)]
        assert text[d.start : d.end] == d.text


# --------------------------------------------------------------------------------------------------
# Forms, table-driven: text -> [(span, value, granularity, relative)] against REF (Tuesday 18/6/2024).
# --------------------------------------------------------------------------------------------------

CASES: list[tuple[str, list[tuple[str, str | None, str, bool]]]] = [
    # explicit, day
    ("pada Selasa malam (18/6/2024).", [("Selasa malam (18/6/2024)", "2024-06-18", "day", False)]),
    ("Selasa, 13 Juni 2023", [("Selasa, 13 Juni 2023", "2023-06-13", "day", False)]),
    ("lahir 17 Agustus 1945 di", [("17 Agustus 1945", "1945-08-17", "day", False)]),
    ("tanggal 18-06-2024 dan", [("18-06-2024", "2024-06-18", "day", False)]),
    ("data 2024-06-18.", [("2024-06-18", "2024-06-18", "day", False)]),
    ("(18/6/2024)", [("18/6/2024", "2024-06-18", "day", False)]),
    ("SENIN (17/6/2024)", [("SENIN (17/6/2024)", "2024-06-17", "day", False)]),
    ("Jum'at (21/6/2024)", [("Jum'at (21/6/2024)", "2024-06-21", "day", False)]),
    ("17-18 Juni 2024", [("18 Juni 2024", "2024-06-18", "day", False)]),
    ("13 Jun 2023", [("13 Jun 2023", "2023-06-13", "day", False)]),
    ("5 Sept. 2023", [("5 Sept. 2023", "2023-09-05", "day", False)]),
    ("hingga 10 November.", [("10 November", "2024-11-10", "day", False)]),  # the dot ends the sentence
    ("31\n\nJanuari 2016", [("Januari 2016", "2016-01", "month", False)]),  # no date across a paragraph break
    ("tahun\nlalu", []),
    ("31 Februari 2024", [("Februari 2024", "2024-02", "month", False)]),  # no such day; the month stands
    # explicit, month and year
    ("Juni 2024", [("Juni 2024", "2024-06", "month", False)]),
    ("pada bulan Mei 2024 lalu", [("bulan Mei 2024", "2024-05", "month", False)]),
    ("awal Juni 2024", [("Juni 2024", "2024-06", "month", False)]),
    ("sejak tahun 2000.", [("tahun 2000", "2000", "year", False)]),
    ("sejak 1998, harga", [("1998", "1998", "year", False)]),
    ("pada 2019 lalu", [("2019", "2019", "year", False)]),
    # year-less: the year nearest the reference
    ("Senin malam (17/6)", [("Senin malam (17/6)", "2024-06-17", "day", False)]),
    ("Jumat (6/11)", [("Jumat (6/11)", "2024-11-06", "day", False)]),
    ("Jumat (29/12)", [("Jumat (29/12)", "2023-12-29", "day", False)]),
    ("pada 13 Juni", [("13 Juni", "2024-06-13", "day", False)]),
    ("awal Juni", [("awal Juni", "2024-06", "month", False)]),
    ("bulan Januari", [("bulan Januari", "2024-01", "month", False)]),
    # relative
    ("kemarin", [("kemarin", "2024-06-17", "day", True)]),
    ("Kemarin lusa", [("Kemarin lusa", "2024-06-16", "day", True)]),
    ("hari ini", [("hari ini", "2024-06-18", "day", True)]),
    ("besok", [("besok", "2024-06-19", "day", True)]),
    ("lusa", [("lusa", "2024-06-20", "day", True)]),
    ("bulan lalu", [("bulan lalu", "2024-05", "month", True)]),
    ("bulan depan", [("bulan depan", "2024-07", "month", True)]),
    ("tahun lalu", [("tahun lalu", "2023", "year", True)]),
    ("tahun depan", [("tahun depan", "2025", "year", True)]),
    ("tahun ini", [("tahun ini", "2024", "year", True)]),
    ("pekan depan", [("pekan depan", "2024-W26", "week", True)]),
    ("pekan lalu", [("pekan lalu", "2024-W24", "week", True)]),
    ("tiga hari lalu", [("tiga hari lalu", "2024-06-15", "day", True)]),
    ("3 hari yang lalu", [("3 hari yang lalu", "2024-06-15", "day", True)]),
    ("dua tahun lagi", [("dua tahun lagi", "2026", "year", True)]),
    ("sebulan lalu", [("sebulan lalu", "2024-05", "month", True)]),
    ("setahun silam", [("setahun silam", "2023", "year", True)]),
    ("10 tahun lalu", [("10 tahun lalu", "2014", "year", True)]),
    ("Senin lalu", [("Senin lalu", "2024-06-17", "day", True)]),
    ("Selasa lalu", [("Selasa lalu", "2024-06-11", "day", True)]),
    ("Kamis depan", [("Kamis depan", "2024-06-20", "day", True)]),
    ("Senin pekan lalu", [("Senin pekan lalu", "2024-06-10", "day", True)]),
    ("pada Senin lalu", [("Senin lalu", "2024-06-17", "day", True)]),
    ("pada Kamis", [("Kamis", "2024-06-13", "day", True)]),
    ("Jumat malam", [("Jumat malam", "2024-06-14", "day", True)]),
    ("Juni lalu", [("Juni lalu", "2023-06", "month", True)]),
    ("Agustus mendatang", [("Agustus mendatang", "2024-08", "month", True)]),
    # "minggu": the week, or Sunday when capitalised inside a sentence
    ("minggu lalu", [("minggu lalu", "2024-W24", "week", True)]),
    ("Minggu lalu, dia", [("Minggu lalu", "2024-W24", "week", True)]),
    ("kata dia Minggu lalu", [("Minggu lalu", "2024-06-16", "day", True)]),
    ("pada Minggu", [("Minggu", "2024-06-16", "day", True)]),
    # several in one text, in order
    (
        "Kemarin, Senin (17/6/2024), harga naik; tahun lalu turun.",
        [
            ("Kemarin", "2024-06-17", "day", True),
            ("Senin (17/6/2024)", "2024-06-17", "day", False),
            ("tahun lalu", "2023", "year", True),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_forms(text: str, expected: list[tuple[str, str | None, str, bool]]) -> None:
    found = find_dates(text, reference=REF)
    assert [(d.text, d.value, d.granularity, d.relative) for d in found] == expected


NOT_DATES = [
    "3.016 orang",
    "No. 5",
    "nomor 0812-3456-7890",
    "telepon (021) 5678-1234",
    "skor 18/6",
    "menang (2/1)",
    "naik 2,5",
    "Rp1.500.000",
    "tahun 2000-an",
    "hingga 2000 orang",
    "dari 1500 peserta",
    "tahun-tahun lalu",
    "sehari-hari",
    "pasal 1/18/6/2024",
    "versi 1.2.10",
    "Senin",  # a bare day name, with nothing anchoring it
    "Kemarinnya",
    "UU No. 12/2011",
    "31/2/2024",
    "Jumat (31/2)",
    "pukul 19.30 WIB",
    "penyanyi 46 tahun ini",  # an age
    "dalam lima tahun mendatang",  # a span
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, reference=REF) == []


def test_without_reference_only_explicit_dates_have_values() -> None:
    found = find_dates("Kemarin, Senin (17/6), dan 13 Juni 2023, tahun lalu", reference=None)
    assert [(d.text, d.value, d.reference) for d in found] == [
        ("Kemarin", None, None),
        ("Senin (17/6)", None, None),
        ("13 Juni 2023", "2023-06-13", None),
        ("tahun lalu", None, None),
    ]
    assert not any(d.reference_estimated for d in found)


def test_reference_and_estimate_flag_only_on_dates_that_used_it() -> None:
    found = find_dates("13 Juni 2023 dan kemarin", reference=REF, reference_estimated=True, field="caption", index=2)
    explicit, relative = found
    assert (explicit.reference, explicit.reference_estimated) == (None, False)
    assert (relative.reference, relative.reference_estimated) == ("2024-06-18", True)
    assert {(d.field, d.index) for d in found} == {("caption", 2)}


def test_datetime_reference_counts_as_its_day() -> None:
    [d] = find_dates("kemarin", reference=datetime(2024, 6, 18, 23, 59))
    assert (d.value, d.reference) == ("2024-06-17", "2024-06-18")


def test_estimate_reference() -> None:
    assert estimate_reference(["Senin (17/6/2024) dan 13 Juni 2023", "Selasa (18/6/2024)"]) == date(2024, 6, 18)
    assert estimate_reference(["tahun lalu, Juni 2024, Senin (17/6), sejak 2000"]) is None  # no full date
    assert estimate_reference([]) is None


def test_reference_at_the_edges_of_the_calendar() -> None:
    for reference in (date.min, date.max):
        found = find_dates(
            "kemarin, besok, tahun lalu, 2 tahun lagi, Senin lalu, Jumat (6/11), pekan depan", reference=reference
        )
        assert len(found) == 7
    assert find_dates("kemarin", reference=date.min)[0].value is None


def test_lower_same_length_keeps_offsets() -> None:
    for text in ("İstanbul KEMARIN", "ﬁ Senin", "ΣΑΣ kemarin", "plain"):
        assert len(lower_same_length(text)) == len(text)


# --------------------------------------------------------------------------------------------------
# Properties: never crash, spans are consistent, values have the granularity's shape.
# --------------------------------------------------------------------------------------------------

_SHAPES = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "week": re.compile(r"\d{4}-W\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}
_WORDS = [
    "Senin", "selasa", "Minggu", "jum'at", "kemarin", "lusa", "besok", "hari", "ini", "pekan", "bulan", "tahun",
    "lalu", "depan", "silam", "lagi", "yang", "pada", "sejak", "Juni", "Mei", "jan", "awal", "malam", "dini",
    "tiga", "se", "(", ")", "/", "-", ".", ",", " ", "  ", "\n", "18", "6", "2024", "1945", "13", "31", "2", "İ",
]  # fmt: skip
_DATEISH = st.lists(st.sampled_from(_WORDS), max_size=40).map("".join)


def _check(text: str, reference: date | None) -> None:
    found = find_dates(text, reference=reference)
    last_end = 0
    for d in found:
        assert last_end <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        assert d.granularity in _SHAPES
        if d.value is not None:
            assert _SHAPES[d.granularity].fullmatch(d.value), d
        last_end = d.end


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_never_crashes_on_any_text(text: str, reference: date | None) -> None:
    _check(text, reference)
    estimate_reference([text])


@settings(max_examples=500, deadline=None)
@given(_DATEISH, st.one_of(st.none(), st.dates()))
def test_never_crashes_on_date_like_text(text: str, reference: date | None) -> None:
    _check(text, reference)
    estimate_reference([text])


# --------------------------------------------------------------------------------------------------
# Linear time. Not a benchmark (see docs/benchmarks.md for numbers): the ceiling is an order of
# magnitude above the measured time, and catastrophic backtracking would miss it by hours.
# --------------------------------------------------------------------------------------------------

_CEILING_SECONDS = 20.0
_ADVERSARIAL = ["1" * 1_000_000, "1/" * 500_000, "Senin (" * 140_000, "(" * 1_000_000, "tahun " * 160_000]


def test_five_megabyte_paragraph_in_linear_time() -> None:
    paragraph = (SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt").read_text(encoding="utf-8").replace("\n", " ")
    text = (paragraph * (5_000_000 // len(paragraph) + 1))[:5_000_000]
    started = time.perf_counter()
    found = find_dates(text, reference=REF)
    assert time.perf_counter() - started < _CEILING_SECONDS
    assert len(found) > 1000


@pytest.mark.parametrize("text", _ADVERSARIAL, ids=lambda t: repr(t[:8]))
def test_adversarial_text_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    find_dates(text, reference=REF)
    assert time.perf_counter() - started < _CEILING_SECONDS / 4
