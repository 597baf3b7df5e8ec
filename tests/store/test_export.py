"""Exports of a real store: JSON Lines, CSV columns, Parquet read back, schema.org JSON-LD; reprocess."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from warta.analyze import analyze_article
from warta.extract import extract_path
from warta.ingest import ReprocessOptions, ingest, reprocess
from warta.store import PIPELINE_VERSION, ArticleFilter, Store, jsonld, open_store, write_export
from warta.store.export import COLUMNS

from conftest import SAMPLES


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "w.db"
    with open_store(path) as opened:
        ingest(opened, [str(SAMPLES)])
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with open_store(db) as opened:
        yield opened


def exported(store: Store, fmt: str, where: ArticleFilter | None = None) -> bytes:
    out = io.BytesIO()
    write_export(store.articles(where), fmt, out)
    return out.getvalue()


def test_articles_are_read_in_batches_in_id_order(store: Store) -> None:
    whole = [a.id for a in store.articles()]
    assert whole == sorted(whole) and len(whole) == 6
    assert [a.id for a in store.articles(batch_size=2)] == whole
    assert [a.article.site for a in store.articles(ArticleFilter(site="kompas.com"))] == ["nasional.kompas.com"]
    first = next(iter(store.articles()))
    assert first == store.article(first.id)


def test_jsonl_has_the_article_and_its_analysis(store: Store) -> None:
    lines = exported(store, "jsonl").decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 6
    putin = next(r for r in records if "Putin" in (r["article"]["title"] or ""))
    assert putin["article"]["text"] and putin["quotes"] and putin["events"]
    assert "per:vladimir-putin" in {e["key"] for e in putin["entities"]}


def test_csv_has_flat_columns_one_row_per_article(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv").decode("utf-8"))))
    assert len(rows) == 6 and list(rows[0]) == [name for name, _ in COLUMNS]
    kompas = next(r for r in rows if r["site"] == "nasional.kompas.com")
    assert kompas["published_utc"] == "2016-02-16T07:38:00Z"
    assert "Yuddy Chrisnandi" in kompas["persons"].split("; ")
    assert int(kompas["quote_count"]) > 0 and "\n" in kompas["text"]
    assert exported(store, "csv", ArticleFilter(site="example.org")).decode().count("\n") == 1  # header only


def test_parquet_reads_back_with_typed_and_nested_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    path.write_bytes(exported(store, "parquet"))
    table = pq.read_table(path)
    assert table.num_rows == 6
    assert table.schema.field("id").type == "int64"
    rows = table.to_pylist()
    putin = next(r for r in rows if "Putin" in (r["title"] or ""))
    assert "Vladimir Putin" in putin["persons"] and putin["duplicate_of"] is None
    assert {"key": "per:vladimir-putin", "label": "PER", "canonical": "Vladimir Putin"}.items() <= next(
        e for e in putin["entities"] if e["key"] == "per:vladimir-putin"
    ).items()
    assert putin["quotes"][0]["text"] and putin["events"][0]["type"]
    empty = tmp_path / "none.parquet"
    empty.write_bytes(exported(store, "parquet", ArticleFilter(site="example.org")))
    assert pq.read_table(empty).num_rows == 0


def test_jsonld_is_a_schema_org_news_article(store: Store) -> None:
    lines = [json.loads(line) for line in exported(store, "jsonld").decode().splitlines()]
    assert len(lines) == 6 and {d["@type"] for d in lines} == {"NewsArticle"}
    kompas = next(d for d in lines if "Yuddy" in d["headline"])
    assert kompas["@context"] == "https://schema.org"
    assert kompas["datePublished"].startswith("2016-02-16")
    assert kompas["author"] and all(a["@type"] == "Person" and a["name"] for a in kompas["author"])
    assert kompas["publisher"]["@type"] == "Organization" and kompas["publisher"]["name"]
    assert kompas["articleBody"] and kompas["url"].startswith("http")
    assert kompas["image"][0]["@type"] == "ImageObject" and kompas["image"][0]["url"]
    types = {m["@type"] for m in kompas["mentions"]}
    assert "Person" in types and types <= {"Person", "Organization", "Place"}
    # about: the entities named in the headline ("... Yuddy Ancam PNS ..."), whatever their exact span
    assert any("Yuddy" in m["name"] and m["@type"] == "Person" for m in kompas["about"])
    stored = next(a for a in store.articles() if a.article.site == "nasional.kompas.com")
    assert jsonld(stored) == kompas
    bare = jsonld(stored.article)
    assert "mentions" not in bare and bare["headline"] == kompas["headline"]
    analysis = analyze_article(extract_path(SAMPLES / "kompas-2016-menteri-yuddy.html"))
    assert {m["name"] for m in jsonld(analysis)["mentions"]} == {m["name"] for m in kompas["mentions"]}


def test_entity_filters_resolve_names(store: Store) -> None:
    where = store.resolved(ArticleFilter(entity="putin"))
    assert where.entity == "per:vladimir-putin"
    assert len(exported(store, "jsonl", where).splitlines()) == 1


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute(
                "SELECT id, title, text, published_utc, article_json, pipeline_version FROM articles ORDER BY id"
            ).fetchall(),
            "mentions": conn.execute(
                "SELECT article_id, entity_key, start_char, end_char, text FROM mentions ORDER BY 1, id"
            ).fetchall(),
            "quotes": conn.execute("SELECT article_id, text, speaker, role FROM quotes ORDER BY 1, id").fetchall(),
            "events": conn.execute("SELECT article_id, type, trigger FROM events ORDER BY 1, id").fetchall(),
            "entities": conn.execute("SELECT * FROM entities ORDER BY key").fetchall(),
            "problems": conn.execute("SELECT source, article_id, code FROM problems ORDER BY 1, 2, 3").fetchall(),
        }
    finally:
        conn.close()


def test_reprocess_rebuilds_every_article_idempotently_with_fts_in_step(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "r.db"
    shutil.copy(db, copy)
    before = snapshot(copy)
    conn = sqlite3.connect(copy)  # what an older pipeline might have left: other text, stray rows
    conn.execute("UPDATE articles SET title = 'Kucing oranye', text = 'kucing', pipeline_version = 'warta 0.0.1'")
    conn.execute("DELETE FROM quotes WHERE article_id = 1")
    conn.execute("INSERT INTO entities (key, label, canonical) VALUES ('per:nobody', 'PER', 'Nobody')")
    conn.commit()
    conn.close()
    with open_store(copy) as opened:
        assert len(opened.search("kucing")) == 6
        summary = reprocess(opened, ReprocessOptions(outdated_only=True))
        assert (summary.articles, summary.failed, summary.entities_dropped) == (6, {}, 1)
        assert opened.search("kucing") == [] and len(opened.search("putin")) == 1
        opened.check_integrity()
        assert opened.summary().fts_rows == 6
        assert reprocess(opened, ReprocessOptions(outdated_only=True)).articles == 0
    assert snapshot(copy) == before
    with open_store(copy) as opened:
        again = reprocess(opened, ReprocessOptions(where=ArticleFilter(site="kompas.com"), workers=2))
        assert again.articles == 1
        opened.check_integrity()
    assert snapshot(copy) == before
    assert {row[5] for row in before["articles"]} == {PIPELINE_VERSION}
