"""The ingest run: samples in, idempotent, duplicates linked, problems recorded, workers agree."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main
from warta.extract.limits import LoadOptions
from warta.ingest import IngestOptions, ingest
from warta.ingest.records import InputPage
from warta.ingest.runner import RunWriter
from warta.ingest.worker import Processed, process
from warta.store import open_store

from conftest import SAMPLES
from ingest_pages import FEW, html_pages, page_bytes, warc_bytes

# Everything but ids and timestamps: what two ingests of the same input must agree on.
CONTENT = {
    "raw_pages": "SELECT sha256, url, kind, source, size FROM raw_pages ORDER BY sha256",
    "articles": "SELECT r.sha256, a.canonical_url, a.title, a.text, a.published_utc, a.duplicate_of IS NULL "
    "FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id ORDER BY r.sha256",
    "mentions": "SELECT r.sha256, m.entity_key, m.field, m.start_char, m.end_char, m.label FROM mentions m "
    "JOIN articles a ON a.id = m.article_id JOIN raw_pages r ON r.id = a.raw_page_id ORDER BY 1, 3, 4, 5, 6",
    "quotes": "SELECT r.sha256, q.start_char, q.speaker FROM quotes q JOIN articles a ON a.id = q.article_id "
    "JOIN raw_pages r ON r.id = a.raw_page_id ORDER BY 1, 2",
    "problems": "SELECT source, code FROM problems ORDER BY 1, 2",
}


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in CONTENT.items()}
    finally:
        conn.close()


def test_ingesting_the_samples_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with open_store(db) as store:
        first = ingest(store, [str(SAMPLES)])
        assert (first.ingested, first.duplicates, first.skipped, first.records) == (6, 0, 0, 6)
        assert first.problems["no_published_date"] == 1
        before = store.summary()
        second = ingest(store, [str(SAMPLES)])
        assert (second.ingested, second.skipped) == (0, 6)
        after = store.summary()
    assert before.to_dict() | {"runs": 0, "stored_bytes": 0} == after.to_dict() | {"runs": 0, "stored_bytes": 0}
    assert after.articles == after.fts_rows == 6
    conn = sqlite3.connect(db)
    runs = conn.execute("SELECT finished IS NOT NULL, counts FROM ingest_runs ORDER BY id").fetchall()
    assert [r[0] for r in runs] == [1, 1] and json.loads(runs[1][1])["skipped"] == 6


def test_the_same_article_under_another_url_is_stored_as_a_duplicate(tmp_path: Path) -> None:
    page = page_bytes(html_pages()[0])
    lines = [
        {"url": "https://www.kompas.com/read/1?utm_source=fb", "html": page.decode()},
        {"url": "http://kompas.com/read/1/", "html": page.decode() + "<!-- a second fetch -->"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    with open_store(tmp_path / "w.db") as store:
        summary = ingest(store, [str(path)])
        assert (summary.ingested, summary.duplicates) == (1, 1)
        assert len(store.search("Yuddy")) == 1


def test_mixed_and_corrupt_inputs_go_in_record_by_record(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.warc.gz").write_bytes(warc_bytes(html_pages()[:2], compressed=True))
    bad = warc_bytes(html_pages()[2:], compressed=False, extra=False)
    (inputs / "b.warc").write_bytes(bytes(range(256)) * 2 + bad)
    (inputs / "c.jsonl").write_text('{"text": "Presiden Joko Widodo tiba di Jakarta, Senin."}\nnot json\n')
    (inputs / "d.csv").write_text('url,title,text\nhttps://a.id/1,Satu,"Isi satu."\nhttps://a.id/2,"broken\n')
    (inputs / "e.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    with open_store(tmp_path / "w.db") as store:
        summary = ingest(store, [str(inputs)])
        codes = {
            code: n
            for code, n in summary.problems.items()
            if code in ("corrupt_warc", "bad_jsonl_line", "bad_csv_row", "corrupt_gzip")
        }
        assert codes == {"corrupt_warc": 1, "bad_jsonl_line": 1, "bad_csv_row": 1, "corrupt_gzip": 1}
        assert summary.ingested == len(html_pages()) + 2
        stored = store.summary()
        assert stored.articles == stored.fts_rows == summary.ingested
        assert stored.problems["corrupt_gzip"] == 1


def test_two_workers_store_the_same_as_one(tmp_path: Path) -> None:
    paths = [str(p) for p in FEW]
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            summary = ingest(store, paths, IngestOptions(workers=workers))
            assert summary.ingested == len(FEW)
    assert contents(tmp_path / "w1.db") == contents(tmp_path / "w2.db")


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_the_commands_ingest_search_and_show(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    pages_dir = tmp_path / "pages"
    shutil.copytree(SAMPLES, pages_dir)
    code, _, err = run("ingest", str(pages_dir), "--db", db)
    assert code == 0 and "ingested 6 article(s)" in err and "no_published_date 1" in err
    code, _, err = run("ingest", str(pages_dir), "--db", db, "--quiet")
    assert code == 0 and err == ""
    code, out, _ = run("search", "putin", "--db", db)
    assert code == 0 and "Vladimir **Putin**" in out
    code, out, _ = run("search", "putin", "--db", db, "--format", "json")
    hit = json.loads(out)[0]
    code, out, _ = run("show", str(hit["id"]), "--db", db)
    assert code == 0 and json.loads(out)["article"]["title"] == hit["title"]
    code, out, _ = run("show", str(hit["id"]), "--db", db, "--format", "text")
    assert code == 0 and "Vladimir Putin" in out and "Quote" in out
    code, _, err = run("search", '"', "--db", db)
    assert code == 1 and err.startswith("warta: search query") and "sqlite" not in err.lower()
    code, _, err = run("show", "999", "--db", db)
    assert code == 1 and "no article 999" in err
    code, _, err = run("ingest", "-", "--db", db, input=b"Presiden Joko Widodo tiba di Jakarta pada Senin pagi.\n")
    assert code == 0 and "ingested 1 article(s)" in err
    code, _, err = run("ingest", str(pages_dir), "--db", db, "--csv-columns", "bogus")
    assert code == 1 and "--csv-columns" in err


@pytest.mark.parametrize("garbage", [b"not a database at all\n" * 100])
def test_a_db_that_is_not_a_store_is_a_clear_error(tmp_path: Path, garbage: bytes) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(garbage)
    code, _, err = run("search", "putin", "--db", str(db))
    assert code == 1 and "not a warta store" in err


def test_two_ingests_at_once_on_one_store_store_each_page_once(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    command = [sys.executable, "-m", "warta", "ingest", str(SAMPLES), "--db", str(db), "--quiet"]
    first, second = subprocess.Popen(command), subprocess.Popen(command)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    with open_store(db) as store:
        summary = store.summary()
        assert summary.raw_pages == summary.articles == summary.fts_rows == 6
        store.check_integrity()


def test_long_lived_writers_see_what_other_writers_stored(tmp_path: Path) -> None:
    # Two ingest runs open at once on one store (say, the server's POST /api/pages and a crawl):
    # each catches up with the other's articles before writing, so a syndicated copy is found
    # whichever of them stored the original.
    def processed(path: Path, url: str, tail: str) -> Processed:
        data = path.read_bytes() + tail.encode()  # a different byte: new content, same article
        outcome = process(InputPage(data, source=url, url=url), LoadOptions())
        assert isinstance(outcome, Processed)
        return outcome

    seed, other = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt", sorted(SAMPLES.glob("*.html"))[0]
    db = tmp_path / "w.db"
    with open_store(db) as first_store, open_store(db) as second_store:
        first, second = RunWriter(first_store, ["a"]), RunWriter(second_store, ["b"])
        first.write(processed(seed, "https://toraja.tribunnews.com/2024/06/18/putin", ""))
        second.write(processed(seed, "https://www.tribunnews.com/internasional/2024/06/18/putin", "\n"))
        second.write(processed(other, "https://example.com/a", ""))
        first.write(processed(other, "https://copies.example.org/b", "\n"))
        a, b = first.finish(0.0), second.finish(0.0)
        assert (a.ingested, a.duplicates, b.ingested, b.duplicates) == (1, 1, 1, 1)
        assert first_store.summary().articles == 4
