"""The hand-annotated event gold set (tests/data/events-gold/) stays consistent with the bundled pages.

Every gold file names a bundled page; each event's sentence must be an exact substring of the body text
warta extracts from that page, and its trigger an exact substring of the sentence. The guidelines are in
docs/events-annotation.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from warta.extract import extract_path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "events-gold"
TYPES = frozenset(
    {
        "visit",
        "meet",
        "statement",
        "accuse",
        "threaten",
        "demand",
        "agree",
        "support",
        "sanction",
        "attack",
        "protest",
        "arrest",
        "appoint",
        "disaster",
    }
)
EVENT_KEYS = frozenset({"type", "sentence", "trigger", "actor", "target", "date", "place"})
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _stem(page: str) -> str:
    name = Path(page).name
    for suffix in (".gz", ".html", ".txt"):
        name = name.removesuffix(suffix)
    return name


def test_at_least_forty_articles_are_annotated() -> None:
    assert len(_gold_files()) >= 40


def test_every_bundled_indonesian_page_has_a_gold_file() -> None:
    pages = [
        p
        for p in [*(ROOT / "tests" / "golden" / "pages").iterdir(), *(ROOT / "samples" / "pages").iterdir()]
        if p.name != "README.md" and not p.name.startswith("anpandu-tempoen-")
    ]
    missing = [p.name for p in pages if not (GOLD / f"{_stem(p.name)}.json").is_file()]
    assert missing == []


def test_the_gold_set_has_events_of_many_types() -> None:
    types = {event["type"] for path in _gold_files() for event in _load(path)["events"]}
    assert len(types) >= 12


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_gold_file_matches_its_page(path: Path) -> None:
    gold = _load(path)
    assert set(gold) == {"page", "title", "events"}
    page = ROOT / gold["page"]
    assert page.is_file(), gold["page"]
    assert _stem(gold["page"]) == path.stem
    article = extract_path(page)
    assert gold["title"] == article.title
    text = article.text
    for event in gold["events"]:
        assert set(event) == EVENT_KEYS, event
        assert event["type"] in TYPES, event
        sentence = event["sentence"]
        trigger = event["trigger"]
        assert isinstance(sentence, str) and sentence.strip() == sentence and sentence, event
        assert sentence in text, f"sentence not in the article text: {sentence[:80]!r}"
        assert isinstance(trigger, str) and trigger, event
        assert trigger in sentence, f"trigger {trigger!r} not in its sentence {sentence[:80]!r}"
        for key in ("actor", "target", "place"):
            assert event[key] is None or (isinstance(event[key], str) and event[key].strip()), event
        assert event["date"] is None or DATE.fullmatch(event["date"]), event


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_at_most_one_event_of_a_type_per_sentence(path: Path) -> None:
    pairs = [(event["sentence"], event["type"]) for event in _load(path)["events"]]
    assert len(pairs) == len(set(pairs))


def test_the_seed_article_events() -> None:
    gold = _load(GOLD / "tribuntoraja-2024-putin-korea-utara.json")
    facts = {(e["type"], e["actor"], e["target"], e["date"]) for e in gold["events"]}
    assert ("visit", "Vladimir Putin", "Korea Utara", "2024-06-18") in facts
    assert ("visit", "Kim Jong-un", "Rusia", "2023") in facts
    assert ("statement", "Gedung Putih", "Rusia dan Korea Utara", "2024-06-17") in facts
    assert ("arrest", "Pengadilan Pidana Internasional", "Vladimir Putin", None) in facts
    kinds = {(e["type"], e["actor"], e["target"]) for e in gold["events"]}
    assert ("meet", "Kim Jong-un", "Vladimir Putin") in kinds
    assert ("support", "Korea Utara", "Rusia") in kinds
    assert ("support", "Rusia", "Korea Utara") in kinds
