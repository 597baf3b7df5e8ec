"""The seed article through the whole analysis: the entities, links and dates issue 3 names."""

from __future__ import annotations

import pytest

import warta
from warta.analyze import analyze_article
from warta.model import Analysis

from conftest import SAMPLES

SEED = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt"


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze_article(warta.extract_path(SEED))


def _entities(seed: Analysis, label: str) -> set[str]:
    return {e.canonical for e in seed.entities if e.label == label}


def test_every_putin_links_to_vladimir_putin(seed: Analysis) -> None:
    putins = [m for m in seed.mentions if "Putin" in m.text and m.label == "PER"]
    assert len(putins) >= 6
    assert {m.canonical for m in putins} == {"Vladimir Putin"}
    assert len({m.key for m in putins}) == 1


def test_kim_jong_un_spellings_are_one_entity(seed: Analysis) -> None:
    kims = [m for m in seed.mentions if m.text.startswith("Kim Jong")]
    assert {m.text for m in kims} == {"Kim Jong Un", "Kim Jong-un"}
    assert len({m.key for m in kims}) == 1


def test_people_in_the_seed(seed: Analysis) -> None:
    people = _entities(seed, "PER")
    for name in [
        "Vladimir Putin",
        "Kim Jong Un",
        "Shin Wonsik",
        "Andrey Belousov",
        "Yuri Ushakov",
        "Lloyd Austin",
        "John Kirby",
    ]:
        assert name in people, name


def test_places_and_organisations_in_the_seed(seed: Analysis) -> None:
    places = _entities(seed, "LOC")
    for name in ["Rusia", "Korea Utara", "Ukraina", "Iran", "Vladivostok", "Semenanjung Korea"]:
        assert name in places, name
    assert {"Korea Selatan", "Amerika Serikat"} <= places  # "AS" and "Korea Selatan" from the alias table
    organisations = _entities(seed, "ORG")
    for name in ["Bloomberg News", "The Guardian", "Kremlin", "Gedung Putih", "Pengadilan Pidana Internasional"]:
        assert name in organisations, name


def test_dates_in_the_seed(seed: Analysis) -> None:
    by_text = {d.text: d for d in seed.dates}
    assert by_text["Selasa malam (18/6/2024)"].value == "2024-06-18"
    assert by_text["Senin (17/6/2024)"].value == "2024-06-17"
    last_year = by_text["Tahun lalu"]
    assert (last_year.value, last_year.granularity, last_year.relative) == ("2023", "year", True)
    assert last_year.reference_estimated  # the seed has no published date
    assert seed.article.published is None


def test_spans_point_into_their_fields(seed: Analysis) -> None:
    for mention in seed.mentions:
        assert seed.field_text(mention.field, mention.index)[mention.start : mention.end] == mention.text
    for date in seed.dates:
        assert seed.field_text(date.field, date.index)[date.start : date.end] == date.text
    fields = {m.field for m in seed.mentions}
    assert {"title", "body"} <= fields


def test_analysis_round_trips_through_json(seed: Analysis) -> None:
    again = Analysis.from_dict(seed.to_dict())
    assert again.entities == seed.entities
    assert again.mentions == seed.mentions
    assert again.dates == seed.dates
