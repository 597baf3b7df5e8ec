"""Tests for warta.lang.id.quantities: MONEY, PERCENT, TIME and DATE mentions in Indonesian text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.lang.id.quantities import find_quantities
from warta.lang.id.timex import find_dates

from conftest import SAMPLES

CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # MONEY: currency before the amount
    ("senilai Rp 1,5 triliun.", [("Rp 1,5 triliun", "MONEY")]),
    ("harga Rp1.500.000 per unit", [("Rp1.500.000", "MONEY")]),
    ("sebesar US$ 120 miliar", [("US$ 120 miliar", "MONEY")]),
    ("hanya Rp 72 ribu", [("Rp 72 ribu", "MONEY")]),
    ("tiket Rp 50.000,- saja", [("Rp 50.000,-", "MONEY")]),
    ("Rp. 5 juta", [("Rp. 5 juta", "MONEY")]),
    ("Rp 5 M", [("Rp 5 M", "MONEY")]),
    ("Rp 1,5 T dan", [("Rp 1,5 T", "MONEY")]),
    ("USD 5 juta", [("USD 5 juta", "MONEY")]),
    ("$5 million", [("$5 million", "MONEY")]),
    ("antara Rp 1-2 juta", [("Rp 1-2 juta", "MONEY")]),
    # MONEY: currency word after the amount
    ("bantuan 2 juta dolar AS", [("2 juta dolar AS", "MONEY")]),
    ("Dua miliar dolar Amerika Serikat", [("Dua miliar dolar Amerika Serikat", "MONEY")]),
    ("senilai 50 juta rupiah", [("50 juta rupiah", "MONEY")]),
    ("sebesar 1.000 yen", [("1.000 yen", "MONEY")]),
    ("100 euro", [("100 euro", "MONEY")]),
    # PERCENT
    ("naik 20 persen", [("20 persen", "PERCENT")]),
    ("naik 20%", [("20%", "PERCENT")]),
    ("tumbuh 1,5 persen", [("1,5 persen", "PERCENT")]),
    ("antara 20-30 persen", [("20-30 persen", "PERCENT")]),
    ("hanya dua persen", [("dua persen", "PERCENT")]),
    ("5 PERSEN", [("5 PERSEN", "PERCENT")]),
    # TIME
    ("mulai 08.00 WIB", [("08.00 WIB", "TIME")]),
    ("pada pukul 19.30 nanti", [("pukul 19.30", "TIME")]),
    ("Pukul 19.30 WIB", [("Pukul 19.30 WIB", "TIME")]),
    ("sekitar 19:30 WITA", [("19:30 WITA", "TIME")]),
    ("pukul 08.00-10.00 WIB", [("pukul 08.00-10.00 WIB", "TIME")]),
    ("pukul 10 pagi", [("pukul 10 pagi", "TIME")]),
    ("jam 8 malam", [("jam 8 malam", "TIME")]),
    ("pkl. 07.15", [("pkl. 07.15", "TIME")]),
    ("14.00 wib", [("14.00 wib", "TIME")]),
    # DATE: the same spans as find_dates
    ("pada Selasa malam (18/6/2024).", [("Selasa malam (18/6/2024)", "DATE")]),
    ("tahun lalu", [("tahun lalu", "DATE")]),
    # several, in order
    (
        "Selasa (18/6/2024) pukul 19.30 WIB harga Rp 5 juta naik 20 persen",
        [
            ("Selasa (18/6/2024)", "DATE"),
            ("pukul 19.30 WIB", "TIME"),
            ("Rp 5 juta", "MONEY"),
            ("20 persen", "PERCENT"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_forms(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_quantities(text)
    assert [(m.text, m.label) for m in found] == expected
    assert all(text[m.start : m.end] == m.text and m.key is None for m in found)


NOT_QUANTITIES = [
    "3.016 orang",
    "No. 5",
    "nomor 0812-3456-7890",
    "skor 2,5",
    "19.30",  # a bare clock time: as often a decimal or a score
    "jam 3",  # "3 hours" as often as "3 o'clock"
    "selama 24 jam",
    "pukul 25.00",
    "pukul 19.75",
    "19.30 Wib",
    "x2 persen",
    "ARp 5",
    "versi 1.2",
    "25\n\nReal Madrid",  # no quantity across a paragraph break
    "08.00\nWIB",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_dates_come_from_find_dates() -> None:
    text = (SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt").read_text(encoding="utf-8")
    dates = [(m.start, m.end) for m in find_quantities(text) if m.label == "DATE"]
    assert dates == [(d.start, d.end) for d in find_dates(text, reference=None)]
    assert len(dates) == 6


_WORDS = [
    "Rp", "Rp.", "US$", "$", "USD", "1", "1,5", "1.500", "20", "08.00", "19:30", "persen", "%", "juta", "miliar",
    "T", "M", "dolar", "AS", "rupiah", "pukul", "jam", "WIB", "wita", "pagi", "-", ",-", " ", "  ", "dua", "(", "/",
    "Senin", "kemarin", "18/6/2024", "İ", "ſ",
]  # fmt: skip


def _check(text: str) -> None:
    last_end = 0
    for m in find_quantities(text):
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.label in ("DATE", "TIME", "MONEY", "PERCENT")
        last_end = m.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40).map("".join))
def test_never_crashes_on_quantity_like_text(text: str) -> None:
    _check(text)


# Linear time: a guard against catastrophic backtracking, not a benchmark (the ceiling is an order
# of magnitude above the measured time; a quadratic scan of 5 MB would take hours).
_CEILING_SECONDS = 20.0


def test_five_megabyte_paragraph_in_linear_time() -> None:
    paragraph = (SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt").read_text(encoding="utf-8").replace("\n", " ")
    paragraph += " Harga naik Rp 1,5 triliun atau 20 persen pada pukul 19.30 WIB. "
    text = (paragraph * (5_000_000 // len(paragraph) + 1))[:5_000_000]
    started = time.perf_counter()
    found = find_quantities(text)
    assert time.perf_counter() - started < _CEILING_SECONDS
    assert {m.label for m in found} == {"DATE", "TIME", "MONEY", "PERCENT"}


@pytest.mark.parametrize("text", ["1 " * 500_000, "Rp" + " " * 1_000_000, "1.1" * 300_000, "pukul " * 160_000])
def test_adversarial_text_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    find_quantities(text)
    assert time.perf_counter() - started < _CEILING_SECONDS / 4
