"""The two POST routes: /api/extract (stateless) and /api/pages (ingest, behind the token)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from warta.serve import create_app
from warta.store import open_store

from conftest import SAMPLES
from serve_store import PUTIN, SEED_DUMP

TOKEN = "s3cret-token-for-tests"
KOMPAS = SAMPLES / "kompas-2016-menteri-yuddy.html"


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("write") / "w.db"
    open_store(db).close()
    return db


@pytest.fixture(scope="module")
def client(empty_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(empty_store, token=TOKEN)) as opened:
        yield opened


def test_extract_the_seed_dump(client: TestClient) -> None:
    response = client.post("/api/extract", content=SEED_DUMP.read_bytes(), headers={"content-type": "text/plain"})
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["article"]["title"] == "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"
    assert PUTIN in {e["key"] for e in found["entities"]}
    assert found["quotes"] and found["events"] and found["sentences"]
    assert client.get("/api/articles").json()["items"] == []  # nothing was stored


def test_extract_refuses_what_is_not_a_page(client: TestClient) -> None:
    empty = client.post("/api/extract", content=b"  ")
    assert empty.status_code == 422 and empty.json()["error"] == "not_a_page"
    binary = client.post("/api/extract", content=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert binary.status_code == 422 and binary.json()["error"] == "not_a_page"
    bad = client.post("/api/extract?format=pdf", content=b"<p>x</p>")
    assert bad.status_code == 422 and bad.json()["error"] == "bad_request"


def test_pages_need_the_token(client: TestClient) -> None:
    body = KOMPAS.read_bytes()
    missing = client.post("/api/pages", content=body)
    assert missing.status_code == 401 and missing.json()["error"] == "token_required"
    assert missing.headers["www-authenticate"] == "Bearer"
    for header in (f"Bearer {TOKEN}x", "Bearer x", f"Bearer {TOKEN[:-1]}"):
        wrong = client.post("/api/pages", content=body, headers={"authorization": header})
        assert wrong.status_code == 403 and wrong.json()["error"] == "bad_token"
    basic = client.post("/api/pages", content=body, headers={"authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    assert client.get("/api/articles").json()["items"] == []


def test_pages_ingest_with_the_token(client: TestClient) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    url = "http://nasional.kompas.com/read/2016/02/16/14382361/Menteri.Yuddy.Ancam.PNS.yang.Rankingnya.Terendah.Akan.Dipangkas."
    added = client.post("/api/pages", params={"url": url}, content=KOMPAS.read_bytes(), headers=auth)
    assert added.status_code == 201, added.text
    result = added.json()
    assert result["stored"] and not result["already_stored"] and result["id"]
    stored = client.get(f"/api/articles/{result['id']}").json()
    assert stored["article"]["title"].startswith("Menteri Yuddy") and stored["story_id"]
    again = client.post("/api/pages", params={"url": url}, content=KOMPAS.read_bytes(), headers=auth).json()
    assert again["already_stored"] and again["id"] == result["id"]
    assert len(client.get("/api/articles").json()["items"]) == 1
    junk = client.post("/api/pages", content=b"\x00\x01" * 500, headers=auth)
    assert junk.status_code == 422


def test_a_server_without_a_token_is_read_only(empty_store: Path) -> None:
    with TestClient(create_app(empty_store)) as read_only:
        refused = read_only.post("/api/pages", content=b"<p>x</p>", headers={"authorization": "Bearer anything"})
        assert refused.status_code == 403 and refused.json()["error"] == "writes_disabled"
        assert read_only.post("/api/articles").status_code == 405


def test_a_missing_store_is_refused_at_start(tmp_path: Path) -> None:
    from warta.errors import StoreError

    with pytest.raises(StoreError, match="no store there"):
        create_app(tmp_path / "nothing.db")


def test_pages_share_one_ingest_run_that_finds_copies_and_closes_at_shutdown(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    open_store(db).close()
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}
    page = SEED_DUMP.read_bytes()
    with TestClient(create_app(db, token=TOKEN)) as opened:

        def post(url: str, body: bytes) -> Any:
            return opened.post("/api/pages", params={"url": url}, content=body, headers=auth)

        first = post("https://toraja.tribunnews.com/a", page)
        copy = post("https://www.tribunnews.com/b", page + b"\n")
        assert first.status_code == copy.status_code == 201, copy.text
        assert copy.json()["stored"] and copy.json()["duplicate_of"] == first.json()["id"]
    runs = sqlite3.connect(db).execute("SELECT inputs, finished IS NOT NULL, counts FROM ingest_runs").fetchall()
    assert len(runs) == 1 and runs[0][1] == 1 and '"duplicates": 1' in runs[0][2]
