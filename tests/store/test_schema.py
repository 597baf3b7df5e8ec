"""The store file: schema created by the numbered migrations, reopened, refused when foreign."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from warta.errors import StoreError
from warta.store import open_store
from warta.store.schema import latest_version, migrations, statements

TABLES = {
    "ingest_runs",
    "raw_pages",
    "articles",
    "entities",
    "mentions",
    "quotes",
    "events",
    "stories",
    "problems",
    "articles_fts",
}


def test_a_new_store_has_every_table_and_the_latest_version(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    open_store(db).close()
    conn = sqlite3.connect(db)  # any SQLite client reads it
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert names >= TABLES
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version() >= 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    expected = {"articles_published_utc", "articles_site", "mentions_entity_text", "articles_filters", "quotes_speaker"}
    assert expected <= indexes
    fts_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "remove_diacritics 2" in fts_sql and "content='articles'" in fts_sql


def test_migrations_are_numbered_from_one_and_split_into_whole_statements() -> None:
    found = migrations()
    assert [n for n, _, _ in found] == list(range(1, len(found) + 1))
    parts = statements(found[0][2])
    trigger = next(s for s in parts if s.startswith("CREATE TRIGGER articles_fts_update"))
    assert trigger.endswith("END;") and trigger.count("INSERT INTO") == 2
    assert all(sqlite3.complete_statement(s) for s in parts)


def test_reopening_migrates_nothing_and_keeps_the_data(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with open_store(db) as store:
        run = store.start_run(["x"])
    with open_store(db) as store:
        assert store.summary().runs == 1
        assert store.start_run(["y"]) == run + 1


def test_a_store_from_a_newer_warta_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade warta"):
        open_store(db)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_bytes(b"these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a warta store"):
        open_store(db)


def test_cards_take_the_first_image_from_its_column_and_migration_5_fills_it(tmp_path: Path) -> None:
    """Migration 0005 copies the first image's URL out of article_json into ``articles.image``,
    which the cards of lists read (and new writes fill)."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for number, _, sql in migrations():
        if number <= 4:
            for statement in statements(sql):
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute(
        "INSERT INTO raw_pages (id, sha256, kind, source, body, size) VALUES (1, 'a', 'html', 'a.html', x'00', 1),"
        " (2, 'b', 'html', 'b.html', x'00', 1)"
    )
    with_image = '{"images": [{"url": "https://x.example/a.jpg", "caption": null, "credit": null}]}'
    conn.executemany(
        "INSERT INTO articles (id, raw_page_id, title, text, article_json, text_sha256, pipeline_version, ingested_at)"
        " VALUES (?, ?, ?, 'teks', ?, ?, '1', '2024-06-18T00:00:00Z')",
        [(1, 1, "Dengan gambar", with_image, "s1"), (2, 2, "Tanpa gambar", '{"images": []}', "s2")],
    )
    conn.commit()
    conn.close()
    with open_store(db) as store:
        cards = {card.title: card.image for card in store.latest(limit=10)}
    assert cards == {"Dengan gambar": "https://x.example/a.jpg", "Tanpa gambar": None}
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == latest_version() >= 5
