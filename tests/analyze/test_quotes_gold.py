"""The hand-annotated quotes gold (tests/data/quotes-gold/) stays consistent with the bundled pages,
and warta's score on it stays above a floor.

Every gold file names a bundled page; each quote's text must be found in its field's extracted
text. The guidelines are in docs/quotes-annotation.md; benchmarks/quotes.py writes the scores.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from warta.analyze import analyze_article
from warta.analyze.quote_gold import FIELDS, FORMS, KINDS, GoldQuote, field_texts, locate, score_gold
from warta.extract import extract_path
from warta.model import Quote

from conftest import GOLDEN, ROOT, SAMPLES, page_url

GOLD = ROOT / "tests" / "data" / "quotes-gold"
QUOTE_KEYS = frozenset({"kind", "text", "speaker", "role", "cue", "field", "forms"})


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _stem(name: str) -> str:
    for suffix in (".gz", ".html", ".txt"):
        name = name.removesuffix(suffix)
    return name


@cache
def _page(page: str) -> tuple[dict[str, list[str]], str | None, tuple[Quote, ...]]:
    path = ROOT / page
    article = extract_path(path, url=page_url(path))
    return field_texts(article), article.title, analyze_article(article).quotes


def test_every_bundled_indonesian_page_has_a_gold_file() -> None:
    pages = [
        p
        for p in [*(GOLDEN / "pages").iterdir(), *SAMPLES.iterdir()]
        if p.name != "README.md" and not p.name.startswith("anpandu-tempoen-")
    ]
    assert len(pages) >= 40
    assert sorted(_stem(p.name) for p in pages) == [p.stem for p in _gold_files()]


def test_the_gold_has_every_kind_and_form() -> None:
    quotes = [q for path in _gold_files() for q in _load(path)["quotes"]]
    assert {q["kind"] for q in quotes} == set(KINDS)
    assert {form for q in quotes for form in q["forms"]} == set(FORMS)


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_gold_file_matches_its_page(path: Path) -> None:
    gold = _load(path)
    assert set(gold) == {"page", "title", "quotes"}
    assert _stem(Path(gold["page"]).name) == path.stem
    texts, title, _ = _page(gold["page"])
    assert gold["title"] == title
    for quote in gold["quotes"]:
        assert set(quote) == QUOTE_KEYS, quote
        assert quote["kind"] in KINDS and quote["field"] in FIELDS, quote
        assert quote["forms"] and set(quote["forms"]) <= set(FORMS), quote
        assert isinstance(quote["text"], str) and quote["text"] and quote["text"].strip() == quote["text"], quote
        for key in ("speaker", "role", "cue"):
            assert quote[key] is None or (isinstance(quote[key], str) and quote[key].strip()), quote
    located = locate(gold["quotes"], texts)  # raises when a text is not in its field
    assert [q.text for q in located] == [q["text"] for q in gold["quotes"]]
    assert all(texts[q.field][q.index][q.start : q.end] == q.text for q in located)


def _score() -> Any:
    pages: list[tuple[dict[str, list[str]], list[GoldQuote], tuple[Quote, ...]]] = []
    for path in _gold_files():
        gold = _load(path)
        texts, _, quotes = _page(gold["page"])
        pages.append((texts, locate(gold["quotes"], texts), quotes))
    return score_gold(pages)


def test_warta_scores_above_a_floor_on_the_gold() -> None:
    """Floors a little under the measured scores (docs/benchmarks.md, quotes section); they only move up."""
    score = _score()
    assert score.f1("direct") >= 0.96
    assert score.f1("indirect") >= 0.62


def test_the_scorer_matches_by_kind_field_and_half_the_tokens() -> None:
    texts = {
        "title": [""],
        "description": [""],
        "caption": [],
        "body": ["“Stok kita aman sampai akhir tahun,” kata Budi."],
    }
    gold = locate(
        [
            {
                "kind": "direct",
                "field": "body",
                "text": "Stok kita aman sampai akhir tahun",
                "speaker": "Budi Santoso",
                "forms": ["after"],
            }
        ],
        texts,
    )
    half = Quote(start=1, end=15, text="Stok kita aman", kind="direct", speaker_name="Budi")
    score = score_gold([(texts, gold, (half,))])
    assert score.f1("direct") == 1.0 and score.kinds["direct"].speaker_right == 1
    short = Quote(start=1, end=10, text="Stok kita", kind="direct", speaker_name="Budi")
    wrong_kind = Quote(start=1, end=35, text="", kind="indirect")
    wrong_field = Quote(start=1, end=35, text="", kind="direct", field="title")
    score = score_gold([(texts, gold, (short, wrong_kind, wrong_field))])
    assert score.recall("direct") == 0.0 and score.precision("direct") == 0.0 and score.precision("indirect") == 0.0


def test_a_repeated_text_is_located_at_its_next_occurrence() -> None:
    texts = {"body": ["“Ya,” kata A. “Ya,” kata B."]}
    items = [{"kind": "direct", "field": "body", "text": "Ya", "speaker": s, "forms": ["after"]} for s in "AB"]
    assert [q.start for q in locate(items, texts)] == [1, 15]
    with pytest.raises(ValueError, match="not found"):
        locate([*items, items[0]], texts)
