"""The repository: one article in one transaction, duplicates by canonical URL, FTS in step."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from warta.analyze import analyze_article
from warta.errors import NotFoundError
from warta.extract import extract_path
from warta.model import Analysis
from warta.store import PageRecord, Store, open_store

from conftest import SAMPLES

KOMPAS = SAMPLES / "kompas-2016-menteri-yuddy.html"
DETIK = SAMPLES / "detik-2015-galaxy-s6.html"


def analysed(path: Path) -> tuple[PageRecord, Analysis]:
    return PageRecord(path.read_bytes(), "html", str(path)), analyze_article(extract_path(path))


def fts_count(store: Store, query: str) -> int:
    return len(store.search(query))


def test_an_article_is_stored_whole_and_read_back_as_model_objects(tmp_path: Path) -> None:
    page, analysis = analysed(KOMPAS)
    with open_store(tmp_path / "w.db") as store:
        result = store.add_article(page, analysis, canonical_url="https://kompas.com/a")
        assert result.added and result.duplicate_of is None
        stored = store.article(result.article_id or 0)
        assert stored.article == analysis.article
        assert stored.quotes == analysis.quotes
        assert stored.events == analysis.events
        assert {e.key for e in stored.entities} == {e.key for e in analysis.entities}
        assert stored.published_utc == "2016-02-16T07:38:00Z"
        assert store.raw_page(stored.id).body == KOMPAS.read_bytes()
        summary = store.summary()
        assert summary.articles == summary.raw_pages == summary.fts_rows == 1
        assert summary.mentions == len(analysis.mentions)
        store.check_integrity()


def test_the_same_content_is_stored_once(tmp_path: Path) -> None:
    page, analysis = analysed(KOMPAS)
    with open_store(tmp_path / "w.db") as store:
        assert store.add_article(page, analysis).added
        assert store.has_content(page.sha256)
        assert not store.add_article(replace(page, source="elsewhere"), analysis).added
        assert store.summary().articles == 1


def test_an_article_at_a_stored_canonical_url_is_linked_as_a_duplicate(tmp_path: Path) -> None:
    page, analysis = analysed(KOMPAS)
    copy = PageRecord(page.body + b"\n<!-- AMP copy -->", "html", "amp.html")
    with open_store(tmp_path / "w.db") as store:
        first = store.add_article(page, analysis, canonical_url="https://kompas.com/a")
        second = store.add_article(copy, analysis, canonical_url="https://kompas.com/a")
        assert second.duplicate_of == first.article_id
        assert [h.id for h in store.search("Yuddy")] == [first.article_id]  # never shown twice
        summary = store.summary()
        assert (summary.articles, summary.duplicates, summary.mentions) == (2, 1, len(analysis.mentions))


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    page, analysis = analysed(KOMPAS)
    broken = replace(analysis, quotes=(*analysis.quotes, replace(analysis.quotes[0], text=None)))  # type: ignore[arg-type]
    with open_store(tmp_path / "w.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.add_article(page, broken)
        summary = store.summary()
        assert (summary.articles, summary.raw_pages, summary.mentions, summary.fts_rows) == (0, 0, 0, 0)
        assert store.add_article(page, analysis).added


def test_fts_follows_updates_and_deletes(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with open_store(db) as store:
        for path in (KOMPAS, DETIK):
            store.add_article(*analysed(path))
        assert fts_count(store, "Yuddy") == 1
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("UPDATE articles SET title = 'Kucing oranye' , text = 'kucing' WHERE id = 1")
    conn.commit()
    with open_store(db) as store:
        assert fts_count(store, "Yuddy") == 0 and fts_count(store, "kucing") == 1
        store.check_integrity()
    conn.execute("DELETE FROM articles WHERE id = 1")
    conn.commit()
    with open_store(db) as store:
        assert fts_count(store, "kucing") == 0
        assert store.summary().fts_rows == 1
        store.check_integrity()


def test_an_unknown_id_is_a_not_found_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as store, pytest.raises(NotFoundError, match="no article 7"):
        store.article(7)


def test_a_batch_is_stored_in_one_transaction_as_single_articles_are(tmp_path: Path) -> None:
    kompas, detik = analysed(KOMPAS), analysed(DETIK)
    copy = PageRecord(kompas[0].body + b"\n<!-- copy -->", "html", "copy.html")
    with open_store(tmp_path / "w.db") as store:
        results = store.add_articles(
            [
                (*kompas, "https://kompas.com/a"),
                (*detik, None),
                (copy, kompas[1], "https://kompas.com/a"),  # a duplicate of the first, in the same batch
                (*detik, None),  # the same content again: not stored
            ]
        )
        assert [r.added for r in results] == [True, True, True, False]
        assert results[2].duplicate_of == results[0].article_id
        assert store.article(results[1].article_id or 0).article == detik[1].article
        summary = store.summary()
        assert (summary.articles, summary.duplicates, summary.fts_rows) == (3, 1, 3)
        assert summary.mentions == len(kompas[1].mentions) + len(detik[1].mentions)
        store.check_integrity()


def test_a_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    page, analysis = analysed(KOMPAS)
    detik = analysed(DETIK)
    broken = replace(analysis, quotes=(*analysis.quotes, replace(analysis.quotes[0], text=None)))  # type: ignore[arg-type]
    with open_store(tmp_path / "w.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.add_articles([(*detik, None), (page, broken, None)])
        summary = store.summary()
        assert (summary.articles, summary.raw_pages, summary.mentions, summary.fts_rows) == (0, 0, 0, 0)
