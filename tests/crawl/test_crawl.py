"""A crawl from a feed into the store: articles ingested once, frontier and WARC kept."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from warta.crawl import CrawlSite, Seeds, crawl
from warta.crawl.archive import WarcArchive
from warta.crawl.lock import crawl_lock
from warta.errors import CrawlError
from warta.ingest import ingest
from warta.ingest.reprocess import reprocess
from warta.publishers import Pagination
from warta.store import Store, open_store

from crawl_server import (  # noqa: F401  (pytest finds fixtures by their name)
    FAST,
    LocalServer,
    Route,
    article_page,
    paragraphs,
    rss,
    serve_articles,
    server_fixture,
    store_fixture,
)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_feed_is_crawled_into_the_store(server: LocalServer, store: Store, tmp_path: Path, workers: int) -> None:
    paths = serve_articles(server, 5)
    options = dataclasses.replace(FAST, warc_dir=tmp_path / "warc", workers=workers)
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),)), options)
    assert summary.ingest is not None
    assert summary.ingest.ingested == 5, summary.to_dict()
    assert summary.frontier == {"done": 6}
    assert all(server.requested(p) == 1 for p in paths)
    assert store.summary().articles == 5
    assert summary.warc_files and Path(summary.warc_files[0]).stat().st_size > 0


def test_a_second_crawl_on_the_same_store_stops_with_a_clear_error(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 2)
    # A crawl running on this store: the lock belongs to an open file, so this process's own
    # second open conflicts with it as another process's would.
    with crawl_lock(store.path), pytest.raises(CrawlError, match=r"another crawl \(process \d+\) is running"):
        crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)
    assert all(server.requested(p) == 0 for p in paths)
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)  # released: the next crawl runs
    assert summary.ingest is not None and summary.ingest.ingested == 2


def _pages_of(server: LocalServer, path: str, style: str = "query") -> tuple[list[str], list[str]]:
    """A two-page article at ``path``: page 2 at ``?page=2`` (query) or ``/2`` (path)."""
    first, second = paragraphs(101, 4), paragraphs(202, 4)
    page2 = f"{path}?page=2" if style == "query" else f"{path}/2"
    nav1 = f'<div class="paging">Halaman 1/2 <a href="{page2}">2</a> <a href="{page2}">Halaman selanjutnya</a></div>'
    nav2 = f'<div class="paging">Halaman 2/2 <a href="{path}">1</a></div>'
    server.routes[path] = Route(article_page("Berita panjang dua halaman", first, extra=nav1))
    server.routes[page2] = Route(article_page("Berita panjang dua halaman", second, extra=nav2))
    return first, second


@pytest.mark.parametrize("style", ["query", "path"])
def test_a_multi_page_article_is_fetched_whole_and_merged(server: LocalServer, store: Store, style: str) -> None:
    path = "/berita/2024/05/01/panjang"
    first, second = _pages_of(server, path, style)
    summary = crawl(store, Seeds(articles=(server.url(path),)), FAST)
    assert summary.extra_pages == 1
    stored = list(store.articles())
    assert len(stored) == 1
    article = stored[0].article
    text = "\n".join(article.paragraphs)
    assert all(p in text for p in first + second), "a page is missing from the merged article"
    assert not article.has_problem("missing_page")
    assert server.paths().count(path) == 1


def test_a_site_with_a_whole_article_view_is_fetched_once_with_it(server: LocalServer, store: Store) -> None:
    path = "/read/2024/05/01/utuh"
    server.routes[path + "?page=all"] = Route(article_page("Berita utuh", paragraphs(7)))
    site = CrawlSite("lokal", "Lokal", ("127.0.0.1",), pagination=Pagination("query", "page", "page=all"))
    crawl(store, Seeds(sites=(site,), articles=(server.url(path),)), FAST)
    assert server.paths() == ["/robots.txt", path + "?page=all"]
    assert [a.article.url for a in store.articles()] == [server.url(path)]


def test_a_feed_with_broken_xml_gives_its_readable_links_and_a_problem(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 3)
    server.routes["/rss"] = Route(rss([server.url(p) for p in paths], broken=True), content_type="text/xml")
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)
    assert summary.problems.get("broken_feed") == 1
    assert store.summary().problems.get("broken_feed") == 1
    assert store.summary().articles == 3


@pytest.mark.parametrize(
    "body", [b"", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"<html><body>not a feed</body></html>", b"<rss><channel><item>"]
)
def test_a_feed_that_is_not_a_feed_is_a_problem_not_a_crash(server: LocalServer, store: Store, body: bytes) -> None:
    server.routes["/rss"] = Route(body, content_type="application/rss+xml")
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)
    assert summary.problems.get("broken_feed") == 1, summary.to_dict()
    assert summary.articles == 0


def test_sitemap_index_gzipped_sitemap_and_news_sitemap(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 4)
    urls = "".join(
        f"<url><loc>{server.url(p)}</loc><news:news><news:title>x</news:title></news:news></url>" for p in paths
    )
    news = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )
    server.routes["/sitemap-news.xml.gz"] = Route(gzip.compress(news.encode()), content_type="application/gzip")
    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>/sitemap-news.xml.gz</loc></sitemap></sitemapindex>"
    )
    server.routes["/sitemap.xml"] = Route(index.encode(), content_type="application/xml")
    summary = crawl(store, Seeds(sitemaps=(server.url("/sitemap.xml"),)), FAST)
    assert store.summary().articles == 4, summary.to_dict()


def test_a_section_page_gives_the_links_that_look_like_articles(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 3)
    links = "".join(f'<a href="{p}">Berita</a>' for p in paths)
    links += '<a href="/kategori/politik">Politik</a><a href="https://example.org/2024/05/01/luar">luar</a>'
    server.routes["/indeks"] = Route(f"<html><body>{links}</body></html>".encode())
    crawl(store, Seeds(sections=(server.url("/indeks"),)), FAST)
    assert store.summary().articles == 3
    assert server.requested("/kategori/politik") == 0


def test_an_article_with_a_wrong_content_type_is_a_stored_problem(server: LocalServer, store: Store) -> None:
    server.routes["/berita/2024/05/01/file"] = Route(b"%PDF-1.4", content_type="application/pdf")
    summary = crawl(store, Seeds(articles=(server.url("/berita/2024/05/01/file"),)), FAST)
    assert store.summary().problems == {"wrong_content_type": 1}
    assert summary.frontier == {"failed": 1}


def test_a_feed_not_modified_is_read_with_a_conditional_get(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 2)
    feed = rss([server.url(p) for p in paths])
    stamp = "Wed, 01 May 2024 08:00:00 GMT"

    def handler(request: BaseHTTPRequestHandler) -> Route:
        if request.headers.get("If-None-Match") == '"v1"':
            return Route(b"", 304)
        return Route(feed, content_type="application/rss+xml", headers=(("ETag", '"v1"'), ("Last-Modified", stamp)))

    server.routes["/rss"] = handler
    first = crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)
    again = crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)
    assert first.not_modified == 0 and again.not_modified == 1
    assert again.articles == 0 and server.requested("/rss") == 2
    assert all(server.requested(p) == 1 for p in paths)


def test_the_delay_per_host_is_kept(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 5)
    options = dataclasses.replace(FAST, delay=0.2, per_host=1, concurrency=8)
    crawl(store, Seeds(feeds=(server.url("/rss"),)), options)
    times = sorted(h.at for h in server.hits)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 2 + len(paths)  # robots.txt, the feed, the articles
    # As the server saw them: a request starts only once the previous response has ended, so
    # network and thread jitter cannot bring two arrivals closer than the delay.
    assert min(gaps) >= 0.2 - 0.002, gaps


def test_limits_stop_a_crawl_and_the_next_run_goes_on(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 6)
    first = crawl(store, Seeds(feeds=(server.url("/rss"),)), dataclasses.replace(FAST, max_pages=4, concurrency=1))
    assert first.stopped_by == "max_pages" and first.requests == 4
    crawl(store, Seeds(feeds=(server.url("/rss"),)), FAST)
    assert store.summary().articles == 6
    assert all(server.requested(p) == 1 for p in paths)


def _archived(files: tuple[str, ...]) -> tuple[int, list[Any]]:
    """Response records and page groupings in WARC ``files``."""
    responses, groups = 0, []
    for name in files:
        with open(name, "rb") as stream:
            for record in ArchiveIterator(stream):
                responses += record.rec_type == "response"
                if record.rec_type == "metadata":
                    groups.append(json.loads(record.content_stream().read()))
    return responses, groups


def test_every_response_is_archived_and_the_archive_rotates(server: LocalServer, store: Store, tmp_path: Path) -> None:
    serve_articles(server, 4)
    server.routes["/berita/2024/05/01/gone"] = Route(b"gone", 410, "text/plain")
    seeds = Seeds(feeds=(server.url("/rss"),), articles=(server.url("/berita/2024/05/01/gone"),))
    summary = crawl(store, seeds, dataclasses.replace(FAST, warc_dir=tmp_path / "warc", warc_max_bytes=5_000))
    assert len(summary.warc_files) > 1, "the archive did not rotate"
    responses, _ = _archived(summary.warc_files)
    assert responses == summary.requests  # robots.txt (404), the feed, the articles, the 410


def test_a_crawl_archive_is_ingested_again_with_its_multi_page_article_whole(
    server: LocalServer, store: Store, tmp_path: Path
) -> None:
    serve_articles(server, 3)
    page1 = server.url("/berita/2024/05/01/panjang")
    first, second = _pages_of(server, "/berita/2024/05/01/panjang")
    options = dataclasses.replace(FAST, warc_dir=tmp_path / "warc")
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),), articles=(page1,)), options)
    _, groups = _archived(summary.warc_files)
    assert groups == [{"article": page1, "pages": [page1, page1 + "?page=2"]}]
    with open_store(tmp_path / "again.db") as again:
        result = ingest(again, list(summary.warc_files))
        assert result.ingested == 3 + 1, result.to_dict()  # the two pages are one article again
        (merged,) = (a for a in again.articles() if a.article.url == page1)
        assert len(again.raw_page(merged.id).more) == 1
        assert not merged.article.has_problem("missing_page")
        assert all(p in "\n".join(merged.article.paragraphs) for p in first + second)


def test_an_article_split_by_the_archive_rotation_is_whole_again(tmp_path: Path) -> None:
    # The rotation falls between a two-page article's pages and the record naming them.
    url = "https://berita.example.id/2024/05/01/panjang"
    first, second = paragraphs(303, 4), paragraphs(404, 4)
    nav = f'<div class="paging">Halaman 1/2 <a href="{url}?page=2">2</a></div>'
    archive = WarcArchive(tmp_path / "warc", max_bytes=10**9)
    for page_url, body in (
        (url, article_page("Dua halaman", first, extra=nav)),
        (url + "?page=2", article_page("Dua halaman", second)),
    ):
        request = httpx.Request("GET", page_url)
        archive.write(httpx.Response(200, headers={"content-type": "text/html"}, request=request), body)
    archive.close()  # what the size limit does
    archive.write_pages(url, [url, url + "?page=2"])
    archive.close()
    assert len(archive.files) == 2
    with open_store(tmp_path / "again.db") as again:
        result = ingest(again, sorted(archive.files))
        assert result.ingested == 1, result.to_dict()
        (merged,) = again.articles()
        assert all(p in "\n".join(merged.article.paragraphs) for p in first + second)
        assert not merged.article.has_problem("missing_page")


def test_follow_polls_the_feed_and_fetches_what_it_adds(server: LocalServer, store: Store) -> None:
    paths = serve_articles(server, 2)
    asked: list[str | None] = []

    def feed(request: BaseHTTPRequestHandler) -> Route:
        asked.append(request.headers.get("If-None-Match"))
        shown = paths[:1] if len(asked) == 1 else paths  # the second article appears after the first poll
        body = rss([server.url(p) for p in shown])
        etag = f'"{len(shown)}"'
        if request.headers.get("If-None-Match") == etag:
            return Route(b"", 304)
        return Route(body, content_type="application/rss+xml", headers=(("ETag", etag),))

    server.routes["/rss"] = feed
    options = dataclasses.replace(FAST, follow=True, poll_interval=0.3, max_seconds=1.6)
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),)), options)
    assert summary.stopped_by == "max_seconds"
    assert len(asked) >= 3, asked
    assert asked[1] == '"1"' and summary.not_modified >= 1
    assert store.summary().articles == 2
    assert all(server.requested(p) == 1 for p in paths)


def test_a_passing_failure_is_tried_at_the_next_run_and_a_404_is_not(server: LocalServer, store: Store) -> None:
    busy, gone = "/berita/2024/05/01/sibuk", "/berita/2024/05/01/hilang"
    server.routes[busy] = Route(b"busy", 503, "text/plain")
    seeds = Seeds(articles=(server.url(busy), server.url(gone)))
    first = crawl(store, seeds, dataclasses.replace(FAST, retries=0))
    assert first.frontier == {"failed": 2}
    assert store.summary().problems == {"http_error": 2}
    server.routes[busy] = Route(article_page("Akhirnya terbit", paragraphs(5)))
    crawl(store, seeds, dataclasses.replace(FAST, retries=0))
    assert server.requested(busy) == 2 and server.requested(gone) == 1
    assert store.summary().articles == 1


def test_a_merged_article_keeps_its_pages_and_a_reprocess_merges_them_again(server: LocalServer, store: Store) -> None:
    path = "/berita/2024/05/01/panjang"
    first, second = _pages_of(server, path)
    crawl(store, Seeds(articles=(server.url(path),)), FAST)
    (stored,) = store.articles()
    page = store.raw_page(stored.id)
    assert [url for url, _ in page.more] == [server.url(path + "?page=2")]
    summary = reprocess(store)
    assert summary.articles == 1 and not summary.failed
    text = "\n".join(store.article(stored.id).article.paragraphs)
    assert all(p in text for p in first + second), "reprocess lost a page of the article"
