"""Headlines read with the case the article's own text gives their words (warta.lang.id.ner.casing)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from warta.analyze.pipeline import Pipeline, default_pipeline
from warta.lang.id.ner.casing import Casing, build_lowercase, load_lowercase, write_lowercase
from warta.lang.id.ner.conll import Sentence
from warta.model import Article

from conftest import ROOT, SHARED

GOLD = ROOT / "tests" / "data" / "title-entities-gold.jsonl"
BODY = (
    "Majelis hakim menyatakan Lisa Rachmat terbukti menyuap hakim. Lisa Rachmat divonis 11 tahun penjara "
    "oleh Pengadilan Tipikor Jakarta. Ia adalah pengacara Ronald Tannur."
)
HEADLINE = "Pengacara Ronald Tannur Divonis 11 Tahun Penjara"


def test_casing_lowers_what_the_body_writes_in_lower_case() -> None:
    casing = Casing.of([["Lisa", "divonis", "11", "tahun", "penjara", "oleh", "Pengadilan", "Tipikor"]])
    words = ["Ronald", "Tannur", "Divonis", "11", "Tahun", "Penjara", "Pengadilan", "PN"]
    assert casing.restore(words, common=frozenset()) == [
        "Ronald",
        "Tannur",
        "divonis",
        "11",
        "tahun",
        "penjara",
        "Pengadilan",  # capitalised inside the body's sentence: a name's word, kept
        "PN",  # an acronym is never lowered
    ]


def test_a_sentences_first_word_is_no_evidence_of_capitals() -> None:
    casing = Casing.of([["Divonis", "berat", "."], ["Ia", "divonis", "."]])
    assert casing.restore(["Divonis"], common=frozenset()) == ["divonis"]
    assert "Divonis" not in casing.capitalised


def test_common_words_and_affixed_words_are_lowered_when_the_body_is_silent() -> None:
    casing = Casing.of([])
    assert casing.restore(["Bantah", "Prabowo"], common=frozenset({"bantah"})) == ["bantah", "Prabowo"]
    # -kan and -nya on a long word: a verb or a possessive, not a name
    assert casing.restore(["Bandingkan", "Kondisinya", "Arkan"], common=frozenset()) == [
        "bandingkan",
        "kondisinya",
        "Arkan",
    ]
    # the body's capitals win over the list
    assert Casing.of([["kata", "Bantah"]]).restore(["Bantah"], common=frozenset({"bantah"})) == ["Bantah"]


def test_the_shipped_list_holds_common_words_not_names() -> None:
    common = load_lowercase()
    assert len(common) > 1_000
    assert {"menyatakan", "penjara", "tahun"} <= common
    assert not {"jakarta", "indonesia", "prabowo"} & common


def test_build_lowercase_counts_lower_case_uses_against_capitalised_ones(tmp_path: Any) -> None:
    sentences = [
        Sentence(("Kemarin", "ia", "divonis", "di", "Bandung"), ("O", "O", "O", "O", "B-LOC")),
        Sentence(("Lalu", "ia", "divonis", "lagi", "."), ("O", "O", "O", "O", "O")),
        Sentence(("Divonis", "ia", "divonis", "bandung", "."), ("O", "O", "O", "O", "O")),
        Sentence(("Warga", "bandung", "bandung", "bandung", "."), ("O", "O", "O", "O", "O")),
    ]
    words = build_lowercase(sentences)
    assert "divonis" in words  # 3 lower-case uses; the capital at a sentence's start does not count
    assert "ia" in words
    assert "bandung" not in words  # a place name once in 5: too often capitalised
    assert "lagi" not in words  # too rare
    path = tmp_path / "lower.txt.gz"
    write_lowercase(words, path)
    assert load_lowercase.__wrapped__(path) == frozenset(words)


def _title_mentions(pipeline: Pipeline, article: Article) -> set[tuple[str, str]]:
    analysis = pipeline(article)
    title = article.title or ""
    return {(title[m.start : m.end], m.label) for m in analysis.mentions if m.field == "title" and m.label != "MONEY"}


def test_a_headline_verb_is_not_read_as_part_of_a_name() -> None:
    article = Article(title=HEADLINE, paragraphs=(BODY,))
    plain = default_pipeline(headline_case=False)
    read_as_written = _title_mentions(plain, article)
    read_with_case = _title_mentions(default_pipeline(), article)
    assert ("Ronald Tannur Divonis", "PER") in read_as_written  # what the headline's capitals did
    assert ("Ronald Tannur", "PER") in read_with_case
    assert not any("Divonis" in text for text, _ in read_with_case)


def _gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_title_gold_format() -> None:
    rows = _gold()
    assert len(rows) >= 100
    keys = set()
    for row in rows:
        assert set(row) == {"source", "file", "row", "url", "entities"}, row
        assert row["source"] in {"gikirima-2025-06", "wiraindrak-2023-02"}
        assert isinstance(row["row"], int) and row["row"] >= 0
        spans = row["entities"]
        for start, end, label in spans:
            assert 0 <= start < end and label in {"PER", "ORG", "LOC"}, row
        assert sorted(spans) == spans and all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), row
        keys.add((row["source"], row["file"], row["row"]))
    assert len(keys) == len(rows)


def test_headline_case_beats_reading_headlines_as_written_on_the_gold() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared corpora not available")
    from storygold_loader import storygold

    gold_module = storygold()
    files: dict[tuple[str, str], list[dict[str, str]]] = {}
    articles, gold = [], []
    for row in _gold():
        key = (row["source"], row["file"])
        if key not in files:
            files[key] = gold_module.read_csv(*key)
        record = files[key][row["row"]]
        assert row["url"] in (record.get("url"), record.get("URL"))
        article = gold_module.to_article(row["source"], record)
        assert all(end <= len(article.title or "") for _, end, _ in row["entities"])
        articles.append(article)
        gold.append({tuple(span) for span in row["entities"]})

    def f1(pipeline: Pipeline) -> float:
        tp = predicted_count = 0
        for article, spans in zip(articles, gold, strict=True):
            analysis = pipeline(article)
            predicted = {
                (m.start, m.end, m.label)
                for m in analysis.mentions
                if m.field == "title" and m.label in ("PER", "ORG", "LOC")
            }
            tp += len(spans & predicted)
            predicted_count += len(predicted)
        gold_count = sum(len(spans) for spans in gold)
        return 2 * tp / (predicted_count + gold_count)

    plain = default_pipeline(headline_case=False)
    # benchmarks/titles.py: 0.564 read as written, 0.688 with the case restored
    assert f1(default_pipeline()) > f1(plain) + 0.05
