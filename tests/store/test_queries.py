"""Queries over a real store (the bundled sample pages): entities, names, profiles, quotes, stories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.errors import AmbiguousNameError, NotFoundError, QueryError
from warta.ingest import ingest
from warta.store import ArticleFilter, QuoteQuery, SearchQuery, Store, open_store

from conftest import SAMPLES

PUTIN = "per:vladimir-putin"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("queries") / "w.db"
    with open_store(db) as opened:
        ingest(opened, [str(SAMPLES)])
        yield opened


def test_top_entities_count_mentions_and_articles_in_a_window(store: Store) -> None:
    top = store.top_entities(limit=50)
    assert top and [e.mentions for e in top] == sorted((e.mentions for e in top), reverse=True)
    assert all(1 <= e.articles <= e.mentions for e in top)
    by_articles = store.top_entities(by="articles", limit=50)
    assert [e.articles for e in by_articles] == sorted((e.articles for e in by_articles), reverse=True)
    people = store.top_entities(label="per", limit=50)
    assert people and {e.label for e in people} == {"PER"}
    assert PUTIN in {e.key for e in people}
    # Putin's article has no date: a window leaves it out.
    dated = store.top_entities(ArticleFilter(since="2015-01-01"), limit=1000)
    assert PUTIN not in {e.key for e in dated}
    in_2016 = store.top_entities(ArticleFilter(since="2016-01-01", until="2016-12-31"), limit=1000)
    assert in_2016 and sum(e.mentions for e in in_2016) < sum(e.mentions for e in store.top_entities(limit=1000))
    assert store.top_entities(ArticleFilter(site="example.org")) == []
    assert len(store.top_entities(limit=3)) == 3


@pytest.mark.parametrize(
    "bad",
    [
        {"label": "DATE"},
        {"by": "fame"},
        {"limit": 0},
        {"where": ArticleFilter(since="kemarin")},
        {"where": ArticleFilter(since="2020-01-05", until="2020-01-01")},
        {"where": ArticleFilter(site="  ")},
    ],
)
def test_bad_entity_filters_are_query_errors(store: Store, bad: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        store.top_entities(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [PUTIN, "Vladimir Putin", "VLADIMIR PUTIN", "putin", "  Vladimir   putin "])
def test_a_key_a_name_in_any_case_or_a_word_of_it_resolves(store: Store, name: str) -> None:
    assert store.resolve_entity(name).key == PUTIN


def test_an_ambiguous_name_lists_its_candidates(store: Store) -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        store.resolve_entity("korea")
    assert {"loc:korea-utara", "loc:korea-selatan"} <= set(caught.value.candidates)
    assert "loc:korea-utara" in str(caught.value) and "give one of their keys" in str(caught.value)
    with pytest.raises(AmbiguousNameError):
        store.entity("korea")


@pytest.mark.parametrize("name", ["nobody at all", "put", "per:nobody"])
def test_an_unknown_name_is_not_found(store: Store, name: str) -> None:
    with pytest.raises(NotFoundError, match="no entity"):
        store.resolve_entity(name)


@pytest.mark.parametrize("name", ["", "  ", "%", "*?"])
def test_a_name_with_no_word_is_a_query_error(store: Store, name: str) -> None:
    with pytest.raises(QueryError):
        store.resolve_entity(name)


def test_an_entity_profile_has_its_timeline_co_mentions_quotes_and_articles(store: Store) -> None:
    putin = store.entity("putin")
    assert putin.entity.key == PUTIN and putin.entity.mentions >= 5 and putin.entity.articles == 1
    assert putin.timeline == () and putin.undated == putin.entity.mentions  # the dump has no date
    shared = {c.key for c in putin.co_mentioned}
    assert "loc:rusia" in shared and PUTIN not in shared
    assert [a.title for a in putin.articles] == ["Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"]
    eka = store.entity("Eka Asmadi")
    assert eka.quotes and {q.quote.speaker for q in eka.quotes} == {eka.entity.key}
    assert [(d.day, d.articles) for d in eka.timeline] == [("2015-11-05", 1)]
    assert sum(d.mentions for d in eka.timeline) == eka.entity.mentions
    assert eka.to_dict()["latest_articles"][0]["site"] == "www.antaranews.com"
    outside = store.entity("Eka Asmadi", ArticleFilter(since="2020-01-01"))
    assert (outside.entity.mentions, outside.timeline, outside.quotes) == (0, (), ())


def test_quotes_by_speaker_and_words(store: Store) -> None:
    everything = store.quotes(QuoteQuery(limit=1000))
    assert len(everything) == store.summary().quotes
    dates = [q.article.published or "" for q in everything if q.article.published]
    assert dates == sorted(dates, reverse=True)
    eka = store.quotes(QuoteQuery(speaker="eka asmadi"))
    assert eka and {q.quote.speaker_name for q in eka} == {"Eka Asmadi"}
    assert all(q.quote.role for q in eka) and eka[0].article.title
    bandara = store.quotes(QuoteQuery("bandara"))
    assert bandara and all("bandara" in q.quote.text.lower() for q in bandara)
    phrase = store.quotes(QuoteQuery('"abu vulkanik" -kucing'))
    assert phrase and all("abu vulkanik" in q.quote.text for q in phrase)
    assert store.quotes(QuoteQuery("bandara -bandara")) == []
    # LIKE wildcards in the query are text, not patterns.
    assert store.quotes(QuoteQuery("a%b_c")) == []
    unlinked = [q for q in everything if q.quote.speaker is None and q.quote.speaker_name]
    if unlinked:  # a speaker warta named without an entity is found by that name
        assert store.quotes(QuoteQuery(speaker=unlinked[0].quote.speaker_name))
    with pytest.raises(NotFoundError, match="no entity or speaker"):
        store.quotes(QuoteQuery(speaker="Nobody Atall"))


@pytest.mark.parametrize("typed", ["", "  ", "-bandara", '"', "%", "*"])
def test_a_quote_query_with_nothing_to_find_is_a_query_error(store: Store, typed: str) -> None:
    with pytest.raises(QueryError):
        store.quotes(QuoteQuery(typed))


def test_ingest_puts_every_canonical_article_in_one_story(store: Store) -> None:
    stories = store.stories()
    assert stories and all(s.size >= 1 and s.title for s in stories)
    canonical = [
        a
        for a in store.articles()
        if a.duplicate_of is None and not any(p.code == "not_an_article" for p in a.article.problems)
    ]
    assert all(a.story_id is not None for a in canonical)
    assert sum(s.size for s in stories) == len(canonical)
    with pytest.raises(NotFoundError, match="no story 999"):
        store.search(SearchQuery("presiden", story=999))


def test_the_story_filter(store: Store) -> None:
    kompas = next(a for a in store.articles() if a.article.site == "nasional.kompas.com")
    assert kompas.story_id is not None
    hits = store.search(SearchQuery("yang OR dan", story=kompas.story_id))
    assert "nasional.kompas.com" in {h.site for h in hits}
    assert all(a.story_id == kompas.story_id for a in store.articles(ArticleFilter(story=kompas.story_id)))


def test_a_second_run_continues_the_stories_of_the_first(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with open_store(db) as opened:
        ingest(opened, [str(SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt")])
        [first] = opened.stories()
    copy = tmp_path / "copy.txt"  # the same story again, as another page (one changed byte)
    copy.write_text((SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt").read_text(encoding="utf-8") + " ")
    with open_store(db) as opened:
        ingest(opened, [str(copy)])
        articles = list(opened.articles(ArticleFilter(include_duplicates=True)))
        assert len(articles) == 2
        assert articles[1].duplicate_of == articles[0].id  # a copy: stored once, linked to the first
        assert [s.id for s in opened.stories()] == [first.id]


def test_an_empty_store_answers_every_query_with_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as empty:
        assert empty.top_entities() == []
        assert empty.quotes() == []
        assert empty.stories() == []
        assert list(empty.articles()) == []
        with pytest.raises(NotFoundError):
            empty.entity("putin")
        summary = empty.summary()
        assert (summary.articles, summary.first_published, summary.sites) == (0, None, 0)


def test_co_mentions_are_counted_over_the_latest_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.model import Analysis, Article, Mention
    from warta.store import PageRecord, entities

    def named(day: int, other: str) -> tuple[PageRecord, Analysis, None]:
        text = f"Budi bertemu {other}."
        mentions = (
            Mention(0, 4, "Budi", "PER", key="per:budi", canonical="Budi"),
            Mention(13, 13 + len(other), other, "PER", key=f"per:{other.lower()}", canonical=other),
        )
        article = Article(title=f"Hari {day}", paragraphs=(text,), published=f"2025-06-{day:02d}T10:00:00+07:00")
        return PageRecord(f"{day}{text}".encode(), "text", f"t:{day}"), Analysis(article, mentions=mentions), None

    monkeypatch.setattr(entities, "CO_MENTION_ARTICLES", 2)
    with open_store(tmp_path / "w.db") as db:
        db.add_articles([named(1, "Ani"), named(2, "Ani"), named(3, "Ani"), named(4, "Citra"), named(5, "Dewi")])
        profile = db.entity("per:budi")
        assert (profile.entity.mentions, profile.entity.articles, len(profile.timeline)) == (5, 5, 5)
        assert [e.key for e in profile.co_mentioned] == ["per:citra", "per:dewi"]  # Ani only in older ones
        assert [a.title for a in profile.articles] == ["Hari 5", "Hari 4", "Hari 3", "Hari 2", "Hari 1"]


def test_both_ways_to_find_an_entitys_latest_articles_agree(store: Store) -> None:
    import sqlite3

    from warta.store.entities import _latest

    conn = sqlite3.connect(store.path)
    for key in [e.key for e in store.top_entities(limit=5)]:
        for where in (ArticleFilter(), ArticleFilter(since="2016-01-01"), ArticleFilter(site="detik.com")):
            grouped = _latest(conn, key, where, 3, in_articles=1, mentions=0)  # mentions 0: group them
            walked = _latest(conn, key, where, 3, in_articles=1, mentions=10**9)  # a walk is "cheaper"
            assert grouped == walked
    conn.close()
