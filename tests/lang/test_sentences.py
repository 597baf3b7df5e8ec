"""The Indonesian sentence splitter: table-driven cases, a real article, and bad input.

Cases give the text and the sentences expected (as text); properties check that sentences tile
the text (in order, no overlap, only spaces between them) and carry their own tokens.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from timing import growth

import warta
from warta.lang.id.sentences import MAX_TOKENS, sentence_spans, sentence_tokens, sentences
from warta.lang.id.tokens import is_gap, tokenize
from warta.model import Sentence

from conftest import SAMPLES


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


QUOTATIONS = [
    # The seed examples: a quote with its attribution is one sentence ...
    (
        "“Programnya sangat padat,” kata Yuri Ushakov, penasihat Kremlin.",
        ["“Programnya sangat padat,” kata Yuri Ushakov, penasihat Kremlin."],
    ),
    # ... and a quote after the attribution starts a new one.
    (
        "“Kami tidak khawatir,” kata X. “Yang kami khawatirkan adalah hubungan ini.”",
        ["“Kami tidak khawatir,” kata X.", "“Yang kami khawatirkan adalah hubungan ini.”"],
    ),
    ("“Kami siap.” kata dia.", ["“Kami siap.” kata dia."]),
    ("“Kami siap.” ujarnya kepada wartawan.", ["“Kami siap.” ujarnya kepada wartawan."]),
    ("“Kenapa?” tanya dia.", ["“Kenapa?” tanya dia."]),
    ("“Siap!” Kata dia lagi.", ["“Siap!” Kata dia lagi."]),
    ("Ia berkata, “Kami siap.” Lalu ia pergi.", ["Ia berkata, “Kami siap.”", "Lalu ia pergi."]),
    ('"Kami siap," kata Budi. "Yang penting aman."', ['"Kami siap," kata Budi.', '"Yang penting aman."']),
    ('Dia bilang, "It\'s fine." Lalu pergi.', ['Dia bilang, "It\'s fine."', "Lalu pergi."]),
    ("Apa kalian melihat ini? '\" ujar Pall.", ["Apa kalian melihat ini? '\" ujar Pall."]),
    ("Ia menyebut Rusia “bangkit kembali”. Lalu", ["Ia menyebut Rusia “bangkit kembali”.", "Lalu"]),
]

ABBREVIATIONS = [
    ("Dr. H. Agus datang. Ia pulang.", ["Dr. H. Agus datang.", "Ia pulang."]),
    ("Rumahnya di Jl. A. Yani No. 5 Makale.", ["Rumahnya di Jl. A. Yani No. 5 Makale."]),
    ("Hj. Siti, S.H., M.Si. hadir.", ["Hj. Siti, S.H., M.Si. hadir."]),
    ("Ada buah, sayur, dll. Kemudian pulang.", ["Ada buah, sayur, dll.", "Kemudian pulang."]),
    ("Budi dkk. menang. Mereka senang.", ["Budi dkk. menang.", "Mereka senang."]),
    ("Saham PT Astra Tbk. (ASII) naik.", ["Saham PT Astra Tbk. (ASII) naik."]),
    ("Dipimpin Prof. Ir. Joko dan B.J. Habibie.", ["Dipimpin Prof. Ir. Joko dan B.J. Habibie."]),
    ("Transfer a.n. Budi ke Kec. Makale.", ["Transfer a.n. Budi ke Kec. Makale."]),
    ("Tumbuh di kuartal I. Dengan itu", ["Tumbuh di kuartal I.", "Dengan itu"]),
    ("Monterrey di Grup E. Bermain di Pasadena.", ["Monterrey di Grup E.", "Bermain di Pasadena."]),
    ("Ia menulis di X. Pengawal Revolusi membalas.", ["Ia menulis di X.", "Pengawal Revolusi membalas."]),
    ("Kata F. Agus datang.", ["Kata F. Agus datang."]),
]

NUMBERS_AND_TIMES = [
    ("Harga naik 20%. Dana Rp 1,5 triliun.", ["Harga naik 20%.", "Dana Rp 1,5 triliun."]),
    ("Acara mulai pukul 08.00 WIB. Presiden hadir.", ["Acara mulai pukul 08.00 WIB.", "Presiden hadir."]),
    ("Ia lahir 18/6/2024. Kemudian", ["Ia lahir 18/6/2024.", "Kemudian"]),
    ("Ada 3.016 orang. 20 di antaranya anak.", ["Ada 3.016 orang.", "20 di antaranya anak."]),
    ("Muncul Symbian OS v9. 1 yang baru.", ["Muncul Symbian OS v9. 1 yang baru."]),
    ("Daftar:\n1. Pendahuluan\n2. Isi", ["Daftar:", "1. Pendahuluan", "2. Isi"]),
]

STRUCTURE = [
    # A paragraph break always ends a sentence, even without punctuation.
    ("Judul tanpa titik\n\nParagraf pertama. Kedua", ["Judul tanpa titik", "Paragraf pertama.", "Kedua"]),
    ("Baris satu\nberlanjut di sini.", ["Baris satu\nberlanjut di sini."]),
    ("Baris satu\nBaris dua", ["Baris satu", "Baris dua"]),
    # A closing quote used as an opening one at the start of a paragraph stays with its paragraph.
    ("kata dia.\n”Yang berdampak satu.", ["kata dia.", "”Yang berdampak satu."]),
    ("Apa? Tidak! Ya... Lalu", ["Apa?", "Tidak!", "Ya...", "Lalu"]),
    ("Honje (E. hemisphaerica (Bl.) RM Smith) enak.", ["Honje (E. hemisphaerica (Bl.) RM Smith) enak."]),
    ("Di Papua Barat. yang merupakan drama", ["Di Papua Barat.", "yang merupakan drama"]),
    # A lost space after the full stop, as scraped text often has.
    ("Berita ini.Kemudian itu.", ["Berita ini.", "Kemudian itu."]),
    ("Rabu (18/6/2025).Tiga orang.", ["Rabu (18/6/2025).", "Tiga orang."]),
    ("tanggal 1 Januari 2025.Nah itu", ["tanggal 1 Januari 2025.", "Nah itu"]),
    ("menuju galian.“Kita sudah siap.”", ["menuju galian.", "“Kita sudah siap.”"]),
    ("bandara (SSK.II) lama. Ph.D baru", ["bandara (SSK.II) lama.", "Ph.D baru"]),
    ("Kunjungi https://kompas.com/a. Lalu", ["Kunjungi https://kompas.com/a.", "Lalu"]),
    ("Email budi@kompas.com. Lalu", ["Email budi@kompas.com.", "Lalu"]),
    ("Baca Kompas.com. Lalu @budi. Lalu", ["Baca Kompas.com.", "Lalu @budi.", "Lalu"]),
]

MIXED_AND_ODD = [
    ("The meeting was good. Rapatnya lancar.", ["The meeting was good.", "Rapatnya lancar."]),
    ("Mantap!!! Kami senang 😀. Lalu", ["Mantap!!!", "Kami senang 😀.", "Lalu"]),
    ("Kami.\u00a0Lalu\u200b pergi.", ["Kami.", "Lalu\u200b pergi."]),
    ("\ufeffBerita.\u200e Lalu.", ["Berita.", "Lalu."]),
    ("Hari ini يوم الاثنين. Lalu", ["Hari ini يوم الاثنين.", "Lalu"]),
    # Unbalanced quotes: still split at the sentence ends.
    ("“Kami tidak khawatir, kata Budi. Lalu pergi.", ["“Kami tidak khawatir, kata Budi.", "Lalu pergi."]),
    ("Kami tidak khawatir,” kata Budi. Lalu pergi.", ["Kami tidak khawatir,” kata Budi.", "Lalu pergi."]),
    ('"Satu. "Dua. "Tiga.', ['"Satu.', '"Dua.', '"Tiga.']),
]


@pytest.mark.parametrize(
    ("text", "expected"), QUOTATIONS + ABBREVIATIONS + NUMBERS_AND_TIMES + STRUCTURE + MIXED_AND_ODD
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


# The sample article's body, paragraph by paragraph: how many sentences each holds.
TRIBUNTORAJA_SENTENCES = [2, 1, 1, 2, 2, 2, 2, 3, 1]


def test_sample_article_body() -> None:
    article = warta.extract_path(SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt")
    text = article.text
    found = sentences(text)
    per_paragraph = [len(sentences(p)) for p in article.paragraphs]
    assert per_paragraph == TRIBUNTORAJA_SENTENCES
    assert len(found) == sum(TRIBUNTORAJA_SENTENCES)
    spans = [text[s.start : s.end] for s in found]
    assert spans[4] == "“Programnya sangat padat,” kata Yuri Ushakov, penasihat Kremlin."
    assert spans[5].startswith("“Banyak waktu akan didedikasikan") and spans[5].endswith("sensitif.”")
    assert spans[13] == (
        "“Kami tidak khawatir tentang perjalanan [Putin],” kata juru bicara Dewan Keamanan Nasional AS, "
        "John Kirby, kepada wartawan."
    )
    assert spans[14] == "“Yang kami khawatirkan adalah hubungan yang semakin dalam antara kedua negara ini.”"
    assert spans[0] == (
        "Presiden Rusia, Vladimir Putin, dijadwalkan mengunjungi Korea Utara pada Selasa malam (18/6/2024)."
    )


def test_sentences_carry_field_index_and_token_count() -> None:
    text = "Satu dua tiga. Empat lima."
    pairs = sentence_tokens(text, field="caption", index=2)
    assert [s for s, _ in pairs] == [Sentence(0, 14, "caption", 2, 4), Sentence(15, 26, "caption", 2, 3)]
    assert [[t.text for t in toks] for _, toks in pairs] == [["Satu", "dua", "tiga", "."], ["Empat", "lima", "."]]
    assert sentences(text)[0].field == "body"


def test_empty_and_blank_text() -> None:
    assert sentence_tokens("") == []
    assert sentences(" \n\n\t\u200b ") == []


def check_tiling(text: str) -> None:
    pairs = sentence_tokens(text)
    assert [t for _, toks in pairs for t in toks] == tokenize(text)
    previous_end = 0
    for sentence, toks in pairs:
        assert toks and sentence.tokens == len(toks)
        assert sentence.start == toks[0].start and sentence.end == toks[-1].end
        assert previous_end <= sentence.start < sentence.end
        assert all(is_gap(c) for c in text[previous_end : sentence.start])
        assert len(toks) <= MAX_TOKENS
        previous_end = sentence.end
    assert all(is_gap(c) for c in text[previous_end:])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_tiled_by_sentences(text: str) -> None:
    check_tiling(text)


PIECES = [
    "Dr.", "H.", "dll.", " ", "\n", "\n\n", ".", "...", "?", "!", ",", "“", "”", '"', "'", "(", ")", "[", "1",
    "2024", "Budi", "kata", "dia", "Lalu", "a", "\u200b", "\u00a0", "😀", "…",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_punctuation_soup_is_tiled_by_sentences(text: str) -> None:
    check_tiling(text)


def test_five_megabyte_paragraph_is_split_fast() -> None:
    unit = "Presiden meresmikan jalan tol sepanjang 3.016 km senilai Rp 1,5 triliun pada 18/6/2024 pukul 08.00 WIB. "
    text = unit * (5_000_000 // len(unit))
    started = time.process_time()
    pairs = sentence_tokens(text)
    assert time.process_time() - started < 10  # a guard against a slowdown, not a benchmark
    assert len(pairs) == 5_000_000 // len(unit)


def test_text_without_sentence_punctuation_is_cut_into_bounded_sentences() -> None:
    text = "kata demi kata tanpa titik " * 200_000  # ~5 MB, one paragraph, no punctuation at all
    started = time.process_time()
    pairs = sentence_tokens(text)
    assert time.process_time() - started < 10
    assert all(s.tokens <= MAX_TOKENS for s, _ in pairs)
    assert sum(s.tokens for s, _ in pairs) == 1_000_000


def test_long_sentence_is_cut_after_a_comma() -> None:
    text = ", ".join(["satu dua tiga"] * 200)  # 799 tokens, a comma every fourth
    pairs = sentence_tokens(text)
    assert len(pairs) > 1
    assert all(toks[-1].text == "," for _, toks in pairs[:-1])


@pytest.mark.parametrize("unit", ["A. ", "Dr. ", ". ", "“", '"', "?\n", "\n\n", "1. ", "dll. ", "x\n"])
def test_time_is_linear_on_repetitive_input(unit: str) -> None:
    assert growth(sentence_tokens, unit) < 24
