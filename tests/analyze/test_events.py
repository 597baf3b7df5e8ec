"""Events: the seed's events, trigger rules, the lexicon loader, the scorer, and bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import warta
from warta.analyze import analyze_article
from warta.analyze.event_scoring import match_events, score_events
from warta.errors import ConfigurationError
from warta.lang.id.eventwords import EVENT_TYPES, trigger_lexicon
from warta.model import Analysis, Article, Event

from conftest import ROOT, SAMPLES

SEED = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt"
GOLD = ROOT / "tests" / "data" / "events-gold"


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze_article(warta.extract_path(SEED))


def _body(doc: Analysis) -> list[Event]:
    return [e for e in doc.events if e.field == "body"]


def _has(events: list[Event], type_: str, actor: str | None, target: str | None = None, **extra: str) -> Event:
    for event in events:
        if event.type != type_ or event.actor_name != actor:
            continue
        if target is not None and event.target_name != target:
            continue
        if all(getattr(event, k) == v for k, v in extra.items()):
            return event
    found = [(e.type, e.actor_name, e.target_name, e.date, e.place) for e in events if e.type == type_]
    raise AssertionError(f"no {type_} by {actor} -> {target} {extra}; found {found}")


def test_seed_events_the_issue_lists(seed: Analysis) -> None:
    body = _body(seed)
    _has(body, "visit", "Vladimir Putin", "Korea Utara", date="2024-06-18")
    _has(body, "meet", "Kim Jong Un", "Vladimir Putin")
    supply = _has(body, "support", "Korea Utara", "Rusia")
    assert "amunisi" in seed.article.text[supply.sentence_start : supply.sentence_end]
    satellite = _has(body, "support", "Rusia", "Korea Utara")
    assert "program satelit" in seed.article.text[satellite.sentence_start : satellite.sentence_end]
    _has(body, "visit", "Kim Jong Un", "Rusia", date="2023", place="Vladivostok")
    _has(body, "statement", "Gedung Putih", date="2024-06-17")
    _has(body, "arrest", "Pengadilan Pidana Internasional", "Vladimir Putin")


def test_events_carry_entity_keys_and_spans(seed: Analysis) -> None:
    keys = {e.key for e in seed.entities}
    for event in seed.events:
        text = seed.field_text(event.field, event.index)
        assert text[event.start : event.end] == event.trigger
        assert event.sentence_start <= event.start < event.end <= event.sentence_end
        assert event.type in EVENT_TYPES
        assert event.actor is None or event.actor in keys
        assert 0.0 < event.confidence <= 1.0
    assert Analysis.from_dict(seed.to_dict()).events == seed.events


def _events(text: str) -> list[Event]:
    return _body(analyze_article(Article(paragraphs=(text,), published="2024-06-20T10:00:00+07:00")))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Polisi menangkap dua pria di Bekasi pada Senin (17/6/2024).", "arrest"),
        ("Gempa berkekuatan 5,1 mengguncang Cianjur, Jawa Barat.", "disaster"),
        ("Ribuan buruh berunjuk rasa di depan Gedung DPR, Jakarta.", "protest"),
        ("Presiden Joko Widodo melantik Budi Gunadi Sadikin sebagai Menteri Kesehatan.", "appoint"),
        ("Amerika Serikat menjatuhkan sanksi kepada tiga perusahaan Rusia.", "sanction"),
        ("Kedua negara menandatangani nota kesepahaman di Jakarta.", "agree"),
    ],
)
def test_trigger_types(text: str, type_: str) -> None:
    assert type_ in {e.type for e in _events(text)}


def test_negated_trigger_reports_no_event() -> None:
    assert "arrest" not in {e.type for e in _events("Polisi belum menangkap pelaku pembakaran itu.")}


def test_trigger_inside_a_direct_quote_is_a_quote_not_an_event() -> None:
    text = "“Kami sudah menangkap tiga orang,” kata Kapolres Bogor AKBP Rio Wahyu Anggoro."
    assert "arrest" not in {e.type for e in _events(text)}


def test_passive_trigger_takes_the_agent_after_oleh() -> None:
    events = _events("Gubernur Bengkulu Rohidin Mersyah ditangkap oleh Komisi Pemberantasan Korupsi di Bengkulu.")
    arrest = next(e for e in events if e.type == "arrest")
    assert arrest.actor_name == "Komisi Pemberantasan Korupsi"
    assert arrest.target_name == "Rohidin Mersyah"
    assert arrest.place == "Bengkulu"


def test_one_event_of_a_type_per_sentence() -> None:
    events = _events("Polisi menangkap pelaku dan menahan dua saksi yang ditangkap kemarin.")
    assert [e.type for e in events].count("arrest") == 1


def test_lexicon_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "events.toml"
    bad.write_text('[visit]\nstrong = ["kunjungan"]\n[meet]\nstrong = ["kunjungan"]\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="listed under"):
        trigger_lexicon(bad)
    bad.write_text('[parade]\nstrong = ["pawai"]\n', encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown event types"):
        trigger_lexicon(bad)


def test_lexicon_prefers_the_longest_phrase() -> None:
    lexicon = trigger_lexicon()
    trigger = lexicon.match(["diancam", "pidana", "penjara"], 0)
    assert trigger is not None and trigger.type == "arrest"
    trigger = lexicon.match(["diancam", "dibunuh"], 0)
    assert trigger is not None and trigger.type == "threaten"


def test_scorer_matches_type_and_sentence() -> None:
    text = "Polisi menangkap Budi. Gempa terjadi di Cianjur."
    gold = [
        {"type": "arrest", "sentence": "Polisi menangkap Budi.", "actor": "Polisi"},
        {"type": "disaster", "sentence": "Gempa terjadi di Cianjur.", "actor": None},
    ]
    right = Event("arrest", "menangkap", 7, 16, 0, 22, actor_name="Polisi")
    wrong_type = Event("attack", "Gempa", 23, 28, 23, 48)
    assert match_events(text, gold, [right, wrong_type]) == [(0, 0)]
    score = score_events([(text, gold, [right, wrong_type])])
    assert score.precision() == 0.5 and score.recall() == 0.5
    assert score.actor_accuracy == 1.0


def test_gold_set_scores_above_a_floor() -> None:
    """A floor well under the measured scores (docs/benchmarks.md): catches a broken extractor."""
    articles = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = analyze_article(warta.extract_path(ROOT / gold["page"]))
        articles.append((doc.article.text, gold["events"], [e for e in doc.events if e.confidence >= 0.7]))
    score = score_events(articles)
    assert score.precision() >= 0.75
    assert score.recall() >= 0.55


def test_many_triggers_stay_linear() -> None:
    sentence = "Polisi menangkap pelaku di Jakarta dan gempa mengguncang Bogor. "
    small, large = sentence * 100, sentence * 1000
    started = time.perf_counter()
    _events(small)
    first = time.perf_counter() - started
    started = time.perf_counter()
    events = _events(large)
    second = time.perf_counter() - started
    assert len([e for e in events if e.type == "arrest"]) == 1000
    assert second < first * 40  # 10x the text: linear is ~10x; quadratic would be ~100x


def test_text_without_triggers_has_no_events() -> None:
    assert _events("Cuaca cerah sepanjang hari.") == []
    assert analyze_article(Article()).events == ()
