"""Search: user queries made safe for FTS5, filters, BM25 order, snippets with highlights."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.errors import QueryError
from warta.ingest import ingest
from warta.model import Analysis, Article
from warta.store import PageRecord, SearchQuery, Store, open_store
from warta.store.search import fts_query

from conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    db = tmp_path_factory.mktemp("search") / "w.db"
    with open_store(db) as opened:
        ingest(opened, [str(SAMPLES)])
        yield opened


def titles(store: Store, query: SearchQuery | str) -> list[str]:
    return [hit.title or "" for hit in store.search(query)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("putin korea", '"putin" AND "korea"'),
        ('"korea utara" putin', '"korea utara" AND "putin"'),
        ("jok*", '"jok"*'),
        ("putin OR kim", '("putin" OR "kim")'),
        ("putin -rusia", '("putin") NOT "rusia"'),
        ("putin NOT rusia", '("putin") NOT "rusia"'),
        ('"unbalanced', '"unbalanced"'),
        ("AND OR putin", '"putin"'),
        ('say "hi"" there', '"say" AND "hi" AND "there"'),
        ("title:putin (korea)", '"title:putin" AND "korea"'),
    ],
)
def test_user_queries_become_quoted_fts_expressions(typed: str, expected: str) -> None:
    assert fts_query(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "*", "-", "AND OR", "NOT", '"', "()", "-putin", "^^ ::"])
def test_a_query_with_nothing_to_find_is_a_query_error(store: Store, typed: str) -> None:
    with pytest.raises(QueryError):
        store.search(typed)


@pytest.mark.parametrize(
    "typed",
    ['"unbalanced', "AND OR", "*", "-", "putin*)", 'a"b"c', "NEAR(putin korea)", "putin AND", "OR putin", "\x00", "'"],
)
def test_malformed_queries_never_raise_sqlite_errors(store: Store, typed: str) -> None:
    try:
        store.search(typed)
    except QueryError:
        pass
    except sqlite3.Error as exc:  # pragma: no cover - the failure this test is for
        pytest.fail(f"{typed!r} raised {exc!r}")


def test_words_phrases_prefixes_and_exclusions_find_the_right_articles(store: Store) -> None:
    putin = "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"
    assert titles(store, "putin") == [putin]
    assert titles(store, '"korea utara"') == [putin]
    assert titles(store, "vladi*") == [putin]
    assert putin not in titles(store, "presiden -putin")
    assert set(titles(store, "putin OR yuddy")) == {
        putin,
        'Menteri Yuddy Ancam PNS yang Rankingnya Terendah Akan "Dipangkas"',
    }


def test_diacritics_and_case_are_folded(store: Store) -> None:
    assert titles(store, "PÚTIN") == titles(store, "putin")


def test_results_come_best_first_with_highlighted_snippets(store: Store) -> None:
    hits = store.search(SearchQuery("presiden", highlight=("<b>", "</b>")))
    assert len(hits) >= 2
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all("<b>" in h.snippet.lower() and "presiden" in h.snippet.lower() for h in hits)


def test_filters_narrow_the_results(store: Store) -> None:
    broad = "yang OR dan OR di"
    everything = store.search(broad)
    assert len(everything) == 6
    in_2016 = store.search(SearchQuery(broad, since="2016-01-01", until="2016-12-31"))
    assert sorted(h.site or "" for h in in_2016) == ["nasional.kompas.com", "tekno.liputan6.com"]
    # A date as --until includes that whole day (WIB); a date-time is exact.
    assert len(store.search(SearchQuery(broad, since="2016-02-16", until="2016-02-16"))) == 2
    assert len(store.search(SearchQuery(broad, since="2016-02-16", until="2016-02-16T10:00:00+07:00"))) == 1
    assert [h.site for h in store.search(SearchQuery(broad, site="liputan6.com"))] == ["tekno.liputan6.com"]
    assert [h.site for h in store.search(SearchQuery(broad, site="www.kompas.com"))] == ["nasional.kompas.com"]
    assert store.search(SearchQuery(broad, site="example.org")) == []
    assert len(store.search(SearchQuery(broad, limit=2))) == 2


def test_entity_and_speaker_filters_take_a_key_or_a_name(store: Store) -> None:
    by_key = titles(store, SearchQuery("presiden", entity="per:vladimir-putin"))
    by_name = titles(store, SearchQuery("presiden", entity="vladimir putin"))
    assert by_key == by_name and len(by_key) == 1
    speakers = store.search(SearchQuery("bandara", speaker="Eka Asmadi"))
    assert [h.site for h in speakers] == ["www.antaranews.com"]
    assert store.search(SearchQuery("bandara", speaker="per:nobody")) == []


@pytest.mark.parametrize("bad", [{"since": "kemarin"}, {"until": "2016-13-45"}, {"limit": 0}, {"limit": 5000}])
def test_bad_filters_are_query_errors(store: Store, bad: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        store.search(SearchQuery("presiden", **bad))  # type: ignore[arg-type]


def _article(number: int, title: str, text: str, site: str) -> tuple[PageRecord, Analysis, None]:
    body = f"{number}\n{title}\n{text}".encode()
    article = Article(title=title, paragraphs=(text,), site=site, published="2025-06-18T10:00:00+07:00")
    return PageRecord(body, "text", f"t:{number}"), Analysis(article=article), None


def test_ranking_is_done_by_fts5_best_first_ties_by_id_and_filters_skip_the_best(tmp_path: Path) -> None:
    # Titles weigh 5x: "banjir" in the title ranks above "banjir" in the body only; equal
    # scores keep id order; a filter that rules out the best hits still yields the next, in order.
    with open_store(tmp_path / "w.db") as store:
        store.add_articles(
            [
                _article(1, "Pasar", "Harga cabai naik saat banjir.", "a.example"),
                _article(2, "Banjir di Jakarta", "Air naik di Jakarta.", "a.example"),
                _article(3, "Pasar", "Harga cabai naik saat banjir.", "b.example"),
                _article(4, "Banjir di Jakarta", "Air naik di Jakarta.", "b.example"),
                _article(5, "Pasar", "Harga cabai naik saat banjir.", "b.example"),
            ]
        )
        assert [h.id for h in store.search("banjir")] == [2, 4, 1, 3, 5]
        assert [h.id for h in store.search(SearchQuery("banjir", site="b.example"))] == [4, 3, 5]
        assert [h.id for h in store.search(SearchQuery("banjir", limit=2, offset=1))] == [4, 1]
        hits = store.search("banjir")
        assert hits[0].score == hits[1].score > hits[2].score == hits[3].score


def test_a_very_common_word_is_ranked_among_its_most_recent_matches(tmp_path: Path) -> None:
    # 40 articles hold "banjir"; the two best (it is in their titles) were stored first. With a
    # ranking window of 8 the word is expected in more articles than that, so only about the 8
    # most recently stored matches are ranked; None ranks every match.
    articles = [_article(n, "Banjir di Jakarta", "Air naik di Jakarta.", "old.example") for n in (1, 2)]
    articles += [_article(n, "Pasar", "Harga cabai naik saat banjir.", "new.example") for n in range(3, 41)]
    with open_store(tmp_path / "w.db") as store:
        store.add_articles(articles)
        everything = store.search(SearchQuery("banjir", limit=5, rank_window=None))
        assert [h.id for h in everything][:2] == [1, 2]
        windowed = store.search(SearchQuery("banjir", limit=5, rank_window=8))
        assert len(windowed) == 5 and min(h.id for h in windowed) > 40 - 8 - 1
        assert store.search(SearchQuery("banjir", limit=5)) == everything  # 40 matches: under the default 1,000
        # Too few hits in the window (a filter only the oldest pass): it widens until it has them.
        only_old = store.search(SearchQuery("banjir", site="old.example", rank_window=8))
        assert [h.id for h in only_old] == [1, 2]
        # Rare words and phrases are not windowed: their estimate is under the window.
        assert [h.id for h in store.search(SearchQuery('"di jakarta"', rank_window=8))] == [1, 2]
        with pytest.raises(QueryError, match="rank_window"):
            store.search(SearchQuery("banjir", rank_window=0))
