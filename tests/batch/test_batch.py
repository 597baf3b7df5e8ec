"""warta batch and warta load: a LocalCluster of 2 worker processes over the bundled pages, a WARC,
a JSONL file and a corrupt WARC; the store load makes equals the one ingest makes of the same inputs."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from warta.batch import BatchOptions, load_shards, run_batch
from warta.batch.partition import read_partition, run_partition
from warta.batch.plan import PLAN_FILE, Partition
from warta.batch.shards import list_shards, read_shard
from warta.cli import main
from warta.crawl.archive import WarcArchive
from warta.ingest import IngestOptions, ReadOptions, ingest, read_inputs
from warta.store import open_store

from conftest import GOLDEN, ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "tests" / "ingest"))
from ingest_pages import html_pages, page_bytes, warc_bytes

distributed = pytest.importorskip("dask.distributed")

# Small partitions, so the golden pages, the WARC and the JSONL file each become several tasks.
PARTITION_SIZE = 3


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "crawl.warc.gz").write_bytes(warc_bytes(html_pages(), compressed=True))
    bad = warc_bytes(html_pages()[:2], compressed=False, extra=False)
    (folder / "broken.warc").write_bytes(bytes(range(256)) * 2 + bad)
    page = page_bytes(html_pages()[0]).decode()
    lines = [
        {"url": "https://www.kompas.com/read/1?utm_source=fb", "html": page},
        {"text": "Presiden Joko Widodo tiba di Jakarta, Senin, untuk meresmikan jalan tol baru."},
        "not json",
        {"url": "http://kompas.com/read/1/", "html": page + "<!-- a second fetch -->"},
        {"title": "Banjir di Bekasi", "text": "Banjir melanda Bekasi pada Senin (18/6/2024). Warga mengungsi."},
    ]
    (folder / "dump.jsonl").write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n")
    return [str(SAMPLES), str(GOLDEN / "pages"), str(folder)]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    # Process workers (as on a real cluster): about 2 s to start, then every test shares them.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def shards(inputs: list[str], cluster: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("shards")
    summary = run_batch(inputs, str(output), BatchOptions(scheduler=cluster, partition_size=PARTITION_SIZE))
    assert summary.failed == [] and summary.written == summary.partitions > 10
    assert [p.rsplit("/", 1)[-1] for p in list_shards(str(output))] == [
        f"part-{n:05d}.parquet" for n in range(summary.partitions)
    ]
    assert summary.problems["corrupt_warc"] == 1 and summary.problems["bad_jsonl_line"] == 1
    return output


CONTENT = {
    "articles": "SELECT r.sha256, r.source, r.url, a.title, a.canonical_url, a.published_utc, a.duplicate_of IS NULL, "
    "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id), (SELECT count(*) FROM quotes q "
    "WHERE q.article_id = a.id) FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id ORDER BY r.sha256",
    "entities": "SELECT key, canonical FROM entities ORDER BY key",
    "problems": "SELECT source, code FROM problems ORDER BY 1, 2",
    "stories": "SELECT r.sha256, s.key FROM articles a JOIN raw_pages r ON r.id = a.raw_page_id "
    "LEFT JOIN stories s ON s.id = a.story_id ORDER BY 1",
}


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in CONTENT.items()}
    finally:
        conn.close()


def test_load_gives_the_store_ingest_gives(inputs: list[str], shards: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "ingest.db") as store:
        ingested = ingest(store, inputs)
    with open_store(tmp_path / "load.db") as store:
        loaded = load_shards(store, str(shards))
        again = load_shards(store, str(shards))
    assert (loaded.ingested, loaded.duplicates, loaded.records) == (
        ingested.ingested,
        ingested.duplicates,
        ingested.records,
    )
    assert loaded.problems == ingested.problems
    assert (again.ingested, again.duplicates) == (0, 0)
    assert again.skipped == loaded.ingested + loaded.duplicates + loaded.skipped
    want, got = contents(tmp_path / "ingest.db"), contents(tmp_path / "load.db")
    assert got == want
    assert len(got["articles"]) > 45 and loaded.duplicates >= 1  # the JSONL's second fetch of the kompas page
    assert (f"{Path(inputs[2], 'broken.warc')}@0", "corrupt_warc") in got["problems"]


def test_a_rerun_skips_the_complete_shards_and_rewrites_a_missing_one(
    inputs: list[str], shards: Path, cluster: str
) -> None:
    before = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in list_shards(str(shards))}
    Path(list_shards(str(shards))[4]).unlink()
    (shards / ".part-00001.parquet.1-dead.tmp").write_bytes(b"left by a killed worker")
    summary = run_batch(inputs, str(shards), BatchOptions(scheduler=cluster, partition_size=PARTITION_SIZE))
    assert (summary.written, summary.existed) == (1, len(before) - 1)
    after = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in list_shards(str(shards))}
    assert not (shards / ".part-00001.parquet.1-dead.tmp").exists()
    assert after == before  # the rewritten shard is byte for byte the same: shards are deterministic


def test_another_batch_into_the_same_output_is_refused(inputs: list[str], shards: Path, cluster: str) -> None:
    result = CliRunner().invoke(
        main, ["batch", inputs[0], "--output", str(shards), "--scheduler", cluster, "--partition-size", "2"]
    )
    assert result.exit_code == 1 and "holds the shards of another batch" in result.output


def test_the_cli_runs_a_batch_and_loads_it(cluster: str, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "w.db"
    runner = CliRunner()
    result = runner.invoke(
        main, ["batch", str(SAMPLES), "-o", str(out), "--scheduler", cluster, "--partition-size", "4"]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 2 shard(s) of 2" in result.output and (out / PLAN_FILE).is_file()
    result = runner.invoke(main, ["load", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "ingested 6 article(s)" in result.output
    rows = list(read_shard(str(out), list_shards(str(out))[0]))
    assert [r["position"] for r in rows] == [0, 1, 2, 3]
    assert rows[0]["title"] and rows[0]["sha256"] and json.loads(rows[0]["analysis"])["entities"]


def test_load_of_a_directory_without_shards_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 1 and "run warta batch" in result.output


def test_partitions_read_exactly_the_records_of_the_whole_file(inputs: list[str], shards: Path) -> None:
    plan = [Partition.from_dict(p) for p in json.loads((shards / PLAN_FILE).read_text())["partitions"]]
    read = ReadOptions()
    for name in ("crawl.warc.gz", "broken.warc", "dump.jsonl"):
        path = str(Path(inputs[2], name))
        parts = [p for p in plan if p.path == path]
        assert len(parts) >= 2 or name == "broken.warc"
        got = [(i.source, type(i).__name__) for p in parts for i in read_partition(p, read)]
        assert got == [(i.source, type(i).__name__) for i in read_inputs([path], read)]


def test_a_shard_written_in_process_equals_the_clusters(shards: Path, tmp_path: Path) -> None:
    plan = [Partition.from_dict(p) for p in json.loads((shards / PLAN_FILE).read_text())["partitions"]]
    warc = next(p for p in plan if p.fmt == "warc" and p.start > 0)
    result = run_partition(warc, str(tmp_path), ReadOptions())
    assert result.records >= 1 and not result.existed
    assert (tmp_path / warc.name).read_bytes() == (shards / warc.name).read_bytes()
    assert run_partition(warc, str(tmp_path), ReadOptions()).existed


def test_importing_warta_does_not_import_dask() -> None:
    # warta.batch must not pull Dask into the rest of warta.
    code = "import warta.cli, warta.batch, sys; print('dask' in sys.modules or 'distributed' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
    assert IngestOptions().workers == 1


def test_shards_go_to_an_fsspec_url(shards: Path) -> None:
    # memory:// stands for s3:// or gs://: the same fsspec calls, no network.
    plan = [Partition.from_dict(p) for p in json.loads((shards / PLAN_FILE).read_text())["partitions"]]
    result = run_partition(plan[0], "memory://warta-test/out", ReadOptions())
    (shard,) = list_shards("memory://warta-test/out")
    rows = list(read_shard("memory://warta-test/out", shard))
    assert len(rows) == result.records == PARTITION_SIZE
    assert [r["sha256"] for r in rows] == [r["sha256"] for r in read_shard(str(shards), str(shards / plan[0].name))]


def test_a_multi_page_article_keeps_its_pages_through_a_shard(tmp_path: Path) -> None:
    # A crawl's archive with a two-page article: the shard keeps both pages' bytes, and the
    # store load makes holds the later page as ingest's does (raw_page_parts), for a reprocess.
    url = "https://berita.example.id/2024/05/01/panjang"
    pages = [page_bytes(page) for page in html_pages()[:2]]
    archive = WarcArchive(tmp_path / "warc")
    for page_url, body in zip((url, url + "?page=2"), pages, strict=True):
        response = httpx.Response(200, headers={"content-type": "text/html"}, request=httpx.Request("GET", page_url))
        archive.write(response, body)
    archive.write_pages(url, [url, url + "?page=2"])
    archive.close()
    (warc,) = archive.files
    result = run_partition(Partition(0, "warc", path=str(warc)), str(tmp_path / "shards"), ReadOptions())
    assert result.records == 1
    (row,) = read_shard(str(tmp_path / "shards"), str(tmp_path / "shards" / "part-00000.parquet"))
    assert [part["url"] for part in row["more"]] == [url + "?page=2"]
    with open_store(tmp_path / "load.db") as store:
        assert load_shards(store, str(tmp_path / "shards")).ingested == 1
        (article,) = store.articles()
        assert store.raw_page(article.id).more == ((url + "?page=2", pages[1]),)


def test_a_shard_written_before_the_more_column_still_loads(shards: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    old = tmp_path / "old"
    old.mkdir()
    for shard in list_shards(str(shards)):
        table = pq.read_table(shard)
        pq.write_table(table.drop(["more"]), old / Path(shard).name)
    with open_store(tmp_path / "old.db") as store, open_store(tmp_path / "new.db") as new:
        assert load_shards(store, str(old)).ingested == load_shards(new, str(shards)).ingested > 30
