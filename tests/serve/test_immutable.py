"""Serving a store opened immutable: read-only, no side files, no writes, version checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.errors import StoreError
from warta.serve import create_app
from warta.store import open_store

from serve_store import sample_store


def _snapshot(tmp_path: Path) -> Path:
    """A copy of the sample store checkpointed into one file (as a finished store is)."""
    copy = tmp_path / "snapshot.db"
    source, target = sqlite3.connect(sample_store()), sqlite3.connect(copy)
    source.backup(target)
    target.execute("PRAGMA journal_mode = DELETE")
    source.close()
    target.close()
    return copy


def test_an_immutable_store_is_served_without_side_files(tmp_path: Path) -> None:
    db = _snapshot(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with TestClient(create_app(db, immutable=True)) as client:
        listing = client.get("/api/articles?limit=3").json()
        assert len(listing["items"]) == 3
        assert client.get(f"/articles/{listing['items'][0]['id']}").status_code == 200
        assert client.get("/api/search?q=putin").json()["items"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -wal, no -shm


def test_an_immutable_store_refuses_writes_and_tokens(tmp_path: Path) -> None:
    db = _snapshot(tmp_path)
    with open_store(db, immutable=True) as store, pytest.raises(sqlite3.OperationalError):
        store._conn.execute("DELETE FROM articles")
    with pytest.raises(StoreError, match="cannot take writes"):
        create_app(db, token="secret", immutable=True)


def test_an_immutable_store_must_be_at_the_current_version(tmp_path: Path) -> None:
    db = _snapshot(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(db, immutable=True)
    with pytest.raises(StoreError, match="no store there"):
        open_store(tmp_path / "missing.db", immutable=True)
