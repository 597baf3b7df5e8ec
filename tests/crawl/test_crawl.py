"""A crawl from a feed into the store: articles ingested once, frontier and WARC kept."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from warta.crawl import Seeds, crawl
from warta.store import Store

from crawl_server import FAST, LocalServer, Route, article_page, paragraphs, rss


def serve_articles(server: LocalServer, count: int, prefix: str = "/berita") -> list[str]:
    paths = [f"{prefix}/2024/05/01/artikel-{i}" for i in range(count)]
    for i, path in enumerate(paths):
        server.routes[path] = Route(article_page(f"Judul berita nomor {i}", paragraphs(i)))
    server.routes["/rss"] = Route(rss([server.url(p) for p in paths]), content_type="application/rss+xml")
    return paths


def test_a_feed_is_crawled_into_the_store(server: LocalServer, store: Store, tmp_path: Path) -> None:
    paths = serve_articles(server, 5)
    options = dataclasses.replace(FAST, warc_dir=tmp_path / "warc")
    summary = crawl(store, Seeds(feeds=(server.url("/rss"),)), options)
    assert summary.ingest is not None
    assert summary.ingest.ingested == 5, summary.to_dict()
    assert summary.frontier == {"done": 6}
    assert all(server.requested(p) == 1 for p in paths)
    assert store.summary().articles == 5
    assert summary.warc_files and Path(summary.warc_files[0]).stat().st_size > 0
