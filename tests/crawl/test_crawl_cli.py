"""``warta crawl`` on the command line: a thin wrapper, with errors that say what to do."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from warta.cli import main

from crawl_server import LocalServer, Route, serve_articles, server_fixture  # noqa: F401  (a fixture)


def test_crawl_once_prints_a_json_summary_and_a_second_run_fetches_nothing(server: LocalServer, tmp_path: Path) -> None:
    paths = serve_articles(server, 3)
    db = str(tmp_path / "w.db")
    args = [
        "crawl",
        "--feed",
        server.url("/rss"),
        "--db",
        db,
        "--delay",
        "0",
        "--warc",
        str(tmp_path / "warc"),
        "--json",
    ]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["ingest"]["ingested"] == 3 and summary["frontier"] == {"done": 4}
    assert len(summary["warc_files"]) == 1
    again = CliRunner().invoke(main, args)
    assert json.loads(again.stdout)["articles"] == 0
    assert all(server.requested(p) == 1 for p in paths)


def test_nothing_to_crawl_is_an_error_that_says_what_to_give(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["crawl", "--db", str(tmp_path / "w.db")])
    assert result.exit_code != 0
    assert "--feed" in result.output


def test_no_ingest_needs_a_warc_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["crawl", "--url", "http://127.0.0.1:9/x", "--no-ingest", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code != 0 and "--warc" in result.output


def test_an_unknown_site_lists_the_known_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["crawl", "--site", "nope", "--db", str(tmp_path / "w.db")])
    assert result.exit_code != 0 and "tribunnews" in result.output


def test_list_sites_names_the_publishers_with_crawl_data() -> None:
    result = CliRunner().invoke(main, ["crawl", "--list-sites"])
    ids = {line.split("\t")[0] for line in result.output.splitlines()}
    assert {"kompas", "detik", "tribunnews", "merdeka"} <= ids


def test_since_leaves_out_sitemap_entries_dated_before_it(server: LocalServer, tmp_path: Path) -> None:
    paths = serve_articles(server, 3)
    dates = ["2024-06-18T09:00:00+07:00", "2024-06-10T09:00:00+07:00", None]  # new, old, undated
    urls = "".join(
        f"<url><loc>{server.url(p)}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "") + "</url>"
        for p, d in zip(paths, dates, strict=True)
    )
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
    server.routes["/sitemap.xml"] = Route(sitemap, content_type="application/xml")
    args = ["crawl", "--sitemap", server.url("/sitemap.xml"), "--since", "2024-06-15", "--delay", "0"]
    result = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "w.db"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ingest"]["ingested"] == 2
    assert [server.requested(p) for p in paths] == [1, 0, 1]


def test_a_since_that_is_not_a_date_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["crawl", "--url", "http://127.0.0.1:9/x", "--since", "kemarin", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code != 0 and "--since" in result.output and "2024-06-18" in result.output
