"""The Indonesian tokenizer: table-driven cases per kind of token, then properties over any text.

Each case lists the text and the tokens expected, in order; the properties check offsets and
coverage (every character that is not a space or an invisible mark is in exactly one token).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from timing import growth

from warta.lang.id.tokens import is_gap, tokenize


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


ABBREVIATIONS = [
    ("Dr. H. Agus", ["Dr.", "H.", "Agus"]),
    ("Hj. Siti dan Ir. Joko", ["Hj.", "Siti", "dan", "Ir.", "Joko"]),
    ("Prof. Dr. Ahmad, S.H., M.Si.", ["Prof.", "Dr.", "Ahmad", ",", "S.H.", ",", "M.Si."]),
    ("Jl. A. Yani No. 5", ["Jl.", "A.", "Yani", "No.", "5"]),
    ("buah, sayur, dll.", ["buah", ",", "sayur", ",", "dll."]),
    ("dsb. dan dkk.", ["dsb.", "dan", "dkk."]),
    ("a.n. Budi s.d. Jumat", ["a.n.", "Budi", "s.d.", "Jumat"]),
    ("PT Inco Tbk. naik", ["PT", "Inco", "Tbk.", "naik"]),
    ("B.J. Habibie dan K.H. Ahmad Dahlan", ["B.J.", "Habibie", "dan", "K.H.", "Ahmad", "Dahlan"]),
    ("Jl.Sudirman", ["Jl.", "Sudirman"]),
    ("S.I.K. dan M.Kes.", ["S.I.K.", "dan", "M.Kes."]),
    ("Telp. (021) 555", ["Telp.", "(", "021", ")", "555"]),
    # A single capital after a number is a unit or an era, not an initial.
    ("suhu 2 C. Lalu", ["suhu", "2", "C", ".", "Lalu"]),
]

NUMBERS = [
    ("3.016 orang", ["3.016", "orang"]),
    ("2,5 persen", ["2,5", "persen"]),
    ("Rp 1,5 triliun", ["Rp", "1,5", "triliun"]),
    ("Rp1,5 triliun", ["Rp", "1,5", "triliun"]),
    ("Rp 1.500.000,00", ["Rp", "1.500.000,00"]),
    ("US$370 juta", ["US", "$", "370", "juta"]),
    ("naik 20%", ["naik", "20", "%"]),
    ("tahun 2013-2014", ["tahun", "2013", "-", "2014"]),
    ("Rp40-50 triliun", ["Rp", "40", "-", "50", "triliun"]),
    ("belanja -4,9 persen (-2,5)", ["belanja", "-4,9", "persen", "(", "-2,5", ")"]),
    ("tahun 1950-an ke-18", ["tahun", "1950-an", "ke-18"]),
    ("jaringan 5G", ["jaringan", "5G"]),
    ("kurs Rp9.175/9.180", ["kurs", "Rp", "9.175", "/", "9.180"]),
    ("kuartal II/2024", ["kuartal", "II/2024"]),
    ("PMK No. 34/PMK.011/2007", ["PMK", "No.", "34/PMK.011/2007"]),
    ("tahun 2024.", ["tahun", "2024", "."]),
]

TIMES_AND_DATES = [
    ("pukul 08.00 WIB", ["pukul", "08.00", "WIB"]),
    ("pukul 19:30", ["pukul", "19:30"]),
    ("pukul 08.00-10.00", ["pukul", "08.00", "-", "10.00"]),
    ("Selasa (18/6/2024)", ["Selasa", "(", "18/6/2024", ")"]),
    ("pada 18/6/2024.", ["pada", "18/6/2024", "."]),
    ("s/d 20/6", ["s/d", "20/6"]),
]

WEB = [
    ("baca https://www.kompas.com/read/2024/06/18/abc.", ["baca", "https://www.kompas.com/read/2024/06/18/abc", "."]),
    ("(lihat www.detik.com/news)", ["(", "lihat", "www.detik.com/news", ")"]),
    ("http://x.id/a?b=1&c=2, lalu", ["http://x.id/a?b=1&c=2", ",", "lalu"]),
    ("Kompas.com - Presiden", ["Kompas.com", "-", "Presiden"]),
    ("TRIBUNTORAJA.COM - Presiden", ["TRIBUNTORAJA.COM", "-", "Presiden"]),
    ("kirim ke budi.santoso@kompas.co.id.", ["kirim", "ke", "budi.santoso@kompas.co.id", "."]),
    ("kata @jokowi dan @budi_s.", ["kata", "@jokowi", "dan", "@budi_s", "."]),
    ("tagar #PemiluDamai #2024Damai", ["tagar", "#PemiluDamai", "#2024Damai"]),
]

WORDS = [
    ("katanya bukunya", ["katanya", "bukunya"]),
    ("apakah bacalah pun", ["apakah", "bacalah", "pun"]),
    ("anak-anak laki-laki", ["anak-anak", "laki-laki"]),
    ("Kim Jong-un's visit", ["Kim", "Jong-un's", "visit"]),
    ("anak-anaknya", ["anak-anaknya"]),
    # A hyphenated -nya is split off, as UD does, so the name is its own token.
    ("PPh-nya naik", ["PPh", "-", "nya", "naik"]),
    ("ciptaan-Nya", ["ciptaan-Nya"]),
    ("Jum'at COVID-19", ["Jum'at", "COVID-19"]),
    ("E&P Malaka", ["E&P", "Malaka"]),
    ("km² __init__", ["km²", "__init__"]),
]

PUNCTUATION = [
    ("“Kami,” kata X.", ["“", "Kami", ",", "”", "kata", "X."]),
    ('"Kami." Lalu', ['"', "Kami", ".", '"', "Lalu"]),
    ("Apa?! Tidak... Ya…", ["Apa", "?!", "Tidak", "...", "Ya", "…"]),
    ("(ICC) [Putin] -- ``x''", ["(", "ICC", ")", "[", "Putin", "]", "--", "``", "x", "''"]),
    ("Mantap!!! 👍🏽", ["Mantap", "!!!", "👍🏽"]),
    ("keluarga 👨\u200d👩\u200d👧 🇮🇩 ❤️", ["keluarga", "👨\u200d👩\u200d👧", "🇮🇩", "❤️"]),
]

ODD_UNICODE = [
    # Invisible marks between tokens are skipped; inside a word they stay in it.
    ("satu\u200bdua", ["satu\u200bdua"]),
    ("satu \u200b dua", ["satu", "dua"]),
    ("\ufeffBerita hari ini", ["Berita", "hari", "ini"]),
    ("ber\u00adita", ["ber\u00adita"]),
    ("\u200fيوم\u200e Senin", ["يوم", "Senin"]),
    ("Rp\u00a01,5\u00a0triliun", ["Rp", "1,5", "triliun"]),
    ("cafe\u0301 au lait", ["cafe\u0301", "au", "lait"]),
    ("meeting online dengan CEO-nya", ["meeting", "online", "dengan", "CEO", "-", "nya"]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    ABBREVIATIONS + NUMBERS + TIMES_AND_DATES + WEB + WORDS + PUNCTUATION + ODD_UNICODE,
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "Presiden Rusia, Vladimir Putin, dijadwalkan mengunjungi Korea Utara (18/6/2024)."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == [t.text for t in tokens]
    assert tokens[0].start == 0
    assert tokens[-1].end == len(text)


def test_empty_and_blank_text() -> None:
    assert tokenize("") == []
    assert tokenize(" \n\t\u00a0\u200b\ufeff") == []


def check_tokens(text: str) -> None:
    tokens = tokenize(text)
    covered = [False] * len(text)
    previous_end = 0
    for token in tokens:
        assert 0 <= previous_end <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert all(is_gap(c) for c in text[previous_end : token.start])
        covered[token.start : token.end] = [True] * (token.end - token.start)
        previous_end = token.end
    assert all(is_gap(c) for c in text[previous_end:])
    assert all(covered[i] or is_gap(c) for i, c in enumerate(text))


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_has_valid_offsets_and_full_coverage(text: str) -> None:
    check_tokens(text)


PIECES = [
    "Dr.", "H.", " ", "  ", "\n", "\n\n", ".", "..", ",", "“", "”", '"', "'", "(", ")", "-", "/", "@", "#", ":",
    "3", "2,5", "08.00", "18/6/2024", "Rp", "www.", "http://", ".com", "a", "Budi", "katanya", "nya", "\u200b",
    "\u00ad", "\u200d", "\ufe0f", "😀", "🏽", "\u0301", "\u00a0", "\ufeff", "\u202e", "é", "يوم",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_tricky_mixtures_have_valid_offsets_and_full_coverage(text: str) -> None:
    check_tokens(text)


def test_five_megabyte_paragraph_is_fast() -> None:
    unit = "Presiden meresmikan jalan tol sepanjang 3.016 km senilai Rp 1,5 triliun pada 18/6/2024, "
    text = unit * (5_000_000 // len(unit))
    started = time.process_time()
    tokens = tokenize(text)
    assert len(tokens) == 14 * (5_000_000 // len(unit))
    assert time.process_time() - started < 10  # a guard against a slowdown, not a benchmark


@pytest.mark.parametrize(
    "unit",
    ["a.", "x@", "http://", "A. ", "www.a", "1.", "@a.", "#", "\u200b", " ", "a-", "😀", "Dr.", "“", "S.H"],
)
def test_time_is_linear_on_repetitive_input(unit: str) -> None:
    """Eight times the text must not take anything like 64 times as long (quadratic)."""

    assert growth(tokenize, unit) < 24
