"""Quotes on bad input: unbalanced marks, floods of quotes, huge paragraphs, odd fields."""

from __future__ import annotations

import re
import time

import pytest

from warta.analyze import analyze_article
from warta.analyze.pipeline import Segment
from warta.analyze.quotemarks import MAX_PARAGRAPHS, find_quotations
from warta.analyze.quotes import CONFIDENCE, find_quotes
from warta.model import Analysis, Article, Image, Mention, Quote, Sentence


def quotes_of(*paragraphs: str) -> list[Quote]:
    return list(analyze_article(Article(paragraphs=paragraphs)).quotes)


def test_a_mark_that_never_closes_ends_with_its_paragraph() -> None:
    paragraphs = (
        "“Ini tidak adil bagi kami, kata seorang warga di depan balai desa.",
        "Rapat dilanjutkan besok pagi di balai kota.",
        "“Kami akan menampung semua keluhan,” kata Budi Santoso.",
    )
    found = quotes_of(*paragraphs)
    direct = [q for q in found if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "Ini tidak adil bagi kami, kata seorang warga di depan balai desa",
        "Kami akan menampung semua keluhan",
    ]
    assert direct[0].confidence < CONFIDENCE["continued"]  # an unclosed quote is halved
    assert direct[1].speaker_name == "Budi Santoso"
    assert not any("Rapat" in q.text for q in found)


def test_running_on_quotes_stop_after_max_paragraphs() -> None:
    paragraphs = "\n\n".join(f"“Bagian {i} dari kutipan yang tidak pernah ditutup." for i in range(40))
    quotations = find_quotations(paragraphs)
    assert all(q.paragraphs <= MAX_PARAGRAPHS for q in quotations)
    assert len(quotations) >= 40 // MAX_PARAGRAPHS


def test_a_stray_closing_mark_does_not_open_a_quote() -> None:
    found = quotes_of("Harga cabai naik tajam” di pasar itu.", "“Kami kewalahan,” kata Rina Kusuma, pedagang.")
    assert [(q.kind, q.speaker_name, q.text) for q in found if q.kind == "direct"] == [
        ("direct", "Rina Kusuma", "Kami kewalahan")
    ]


def test_nested_single_quotes_stay_inside_the_quote() -> None:
    found = quotes_of(
        "“Mereka menyebut kami ‘pengkhianat’ hanya karena berbeda pendapat. Kami bilang ‘tidak’,” kata Agus Salim.",
    )
    assert len(found) == 1
    assert found[0].speaker_name == "Agus Salim"
    assert found[0].text == "Mereka menyebut kami ‘pengkhianat’ hanya karena berbeda pendapat. Kami bilang ‘tidak’"


def test_quotes_in_title_description_and_captions() -> None:
    article = Article(
        title="“Kami Siap Bertanding,” Kata Shin Tae-yong",
        description="“Harga naik,” kata Budi Santoso.",
        images=(
            Image(url="https://example.id/a.jpg", caption="Suasana pasar pagi ini."),
            Image(
                url="https://example.id/b.jpg",
                caption="Presiden Joko Widodo berpidato di Jakarta. “Kita harus bersatu,” kata Jokowi.",
            ),
        ),
        paragraphs=("Pertandingan berlangsung malam ini di Stadion Utama Gelora Bung Karno.",),
    )
    analysis = analyze_article(article)
    by_field = {(q.field, q.index): q for q in analysis.quotes}
    assert set(by_field) == {("title", 0), ("description", 0), ("caption", 1)}
    assert by_field["title", 0].text == "Kami Siap Bertanding"
    assert by_field["title", 0].speaker_name == "Shin Tae-yong"
    assert by_field["description", 0].speaker_name == "Budi Santoso"
    assert by_field["caption", 1].speaker_name == "Joko Widodo"
    for quote in analysis.quotes:
        assert analysis.field_text(quote.field, quote.index)[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("“Semua harus ditangkap,” katanya.",),
        ("“Semua harus ditangkap,” kata dia.",),
        ("Hujan turun sejak pagi. “Semua harus ditangkap,” ujarnya.",),
    ],
    ids=["katanya", "kata-dia", "after-a-sentence-without-people"],
)
def test_a_cue_with_no_speaker_anywhere(paragraphs: tuple[str, ...]) -> None:
    (quote,) = quotes_of(*paragraphs)
    assert quote.text == "Semua harus ditangkap"
    assert (quote.speaker, quote.speaker_name) == (None, None)
    assert quote.confidence <= CONFIDENCE["unknown"]


def test_a_quote_with_no_attribution_and_no_earlier_speaker() -> None:
    (quote,) = quotes_of("“Tolong kirimkan air bersih ke desa kami secepatnya.”")
    assert quote.speaker_name is None
    assert quote.cue is None
    assert quote.confidence <= CONFIDENCE["unknown"]


@pytest.mark.parametrize("paragraphs", [(), ("",), (" ",), ("“”",), ("“",), ("”“",), ("''",), ("``",)])
def test_empty_and_mark_only_text(paragraphs: tuple[str, ...]) -> None:
    assert quotes_of(*paragraphs) == []


def test_find_quotes_on_empty_text() -> None:
    assert find_quotes("", [], []) == []


def test_a_one_megabyte_paragraph_without_marks() -> None:
    paragraph = ("Harga beras naik lagi di pasar induk pada pagi hari ini " * 20_000)[:1_000_000]
    assert find_quotations(paragraph) == []
    assert quotes_of(paragraph) == []


def test_a_one_megabyte_paragraph_with_one_opening_mark() -> None:
    paragraph = "“" + ("harga beras naik lagi di pasar induk " * 30_000)[:1_000_000]
    text = paragraph + "\n\n“Stok aman,” kata Budi Santoso."
    quotations = find_quotations(text)
    assert [q.closed for q in quotations] == [False, True]
    assert quotations[0].end == len(paragraph.rstrip())


def test_find_quotes_without_sentences_or_mentions() -> None:
    found = find_quotes("“Stok aman,” kata Budi.\n\n“Harga turun.”", [], [])
    assert [(q.text, q.speaker_name) for q in found] == [("Stok aman", "Budi"), ("Harga turun", "Budi")]


# -- linear time ----------------------------------------------------------------------------------------

TEMPLATES = {
    "cue-after": "“Harga beras naik {i} persen,” kata Budi Santoso.",
    "cue-before": "Budi Santoso mengatakan, “Harga beras naik {i} persen.”",
    "pronoun": "“Harga beras naik {i} persen,” katanya.",
    "title": "“Harga beras naik {i} persen,” kata Presiden.",
    "continued": "“Harga beras naik {i} persen.”",
    "indirect": "Budi Santoso mengatakan bahwa harga beras naik {i} persen.",
    "cue-inside": "Harga beras, kata Budi Santoso, naik {i} persen.",
}


_NAMES = re.compile(r"Budi Santoso|Joko Widodo")


def _prepared(template: str, count: int, *, one_paragraph: bool) -> tuple[str, list[Sentence], list[Mention]]:
    """A body of ``count`` quotes, its sentences, and its two people's mentions (found by name, not NER:
    this measures the quote finder, not the tagger)."""
    items = ["Presiden Joko Widodo berkunjung ke Medan.", *(template.format(i=i) for i in range(count))]
    article = Article(paragraphs=(" ".join(items),) if one_paragraph else tuple(items))
    text = article.text
    sentences = list(Segment()(Analysis(article=article)).sentences)
    mentions = [
        Mention(m.start(), m.end(), m.group(), "PER", key=m.group(), canonical=m.group()) for m in _NAMES.finditer(text)
    ]
    return text, sentences, mentions


def _quote_seconds(text: str, sentences: list[Sentence], mentions: list[Mention]) -> tuple[int, float]:
    """(quotes found, best CPU seconds of three runs) for find_quotes."""
    best, found = float("inf"), 0
    for _ in range(3):
        started = time.process_time()
        found = len(find_quotes(text, sentences, mentions))
        best = min(best, time.process_time() - started)
    return found, best


def test_500_quotes_in_one_article_are_all_found() -> None:
    found = quotes_of(*(TEMPLATES["cue-after"].format(i=i) for i in range(500)))
    assert len(found) == 500
    assert {q.speaker_name for q in found} == {"Budi Santoso"}


@pytest.mark.parametrize("one_paragraph", [False, True], ids=["paragraphs", "one-paragraph"])
@pytest.mark.parametrize("template", list(TEMPLATES), ids=list(TEMPLATES))
def test_quote_finding_is_linear(template: str, one_paragraph: bool) -> None:
    small_found, small = _quote_seconds(*_prepared(TEMPLATES[template], 500, one_paragraph=one_paragraph))
    large_found, large = _quote_seconds(*_prepared(TEMPLATES[template], 5000, one_paragraph=one_paragraph))
    assert (small_found, large_found) == (500, 5000)
    # Ten times the quotes: linear is ~10x; quadratic would be ~100x. 30 leaves room for a noisy machine.
    assert large / max(small, 1e-4) < 30


def test_a_huge_sentence_of_cue_words_is_read_in_linear_time() -> None:
    def seconds(count: int) -> float:
        text = "Menurut laporan itu " + " ".join(f"kata ujar {i}" for i in range(count)) + " selesai."
        return _quote_seconds(text, [Sentence(0, len(text))], [])[1]

    small, large = seconds(2_000), seconds(20_000)
    assert large / max(small, 1e-4) < 30  # ten times the words: quadratic would be ~100x
