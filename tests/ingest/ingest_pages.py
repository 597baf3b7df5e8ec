"""Real pages for the store and ingest tests, and a small WARC writer over them."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import GOLDEN, SAMPLES, page_url

#: A handful of real article pages from different publishers (quick to ingest).
FEW = [
    SAMPLES / "kompas-2016-menteri-yuddy.html",
    SAMPLES / "detik-2015-galaxy-s6.html",
    SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt",
    GOLDEN / "pages" / "anpandu-okezone-singlepage.html.gz",
    GOLDEN / "pages" / "fundus-mediaindonesia-2025-10-22.html.gz",
    GOLDEN / "pages" / "mediacloud-jpnn-2021-kamrussamad.html.gz",
]


def page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def html_pages() -> list[Path]:
    return [p for p in FEW if ".html" in p.name]


def warc_bytes(paths: list[Path], *, compressed: bool, extra: bool = True) -> bytes:
    """A WARC with one response record per page (plus a request and a non-HTML record)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    for number, path in enumerate(paths):
        url = page_url(path) or f"https://example.id/berita/{number}"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        if extra:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(page_bytes(path)), http_headers=headers)
        writer.write_record(record)
    if extra:
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.id/x.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image
            )
        )
    return buffer.getvalue()
