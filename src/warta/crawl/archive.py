"""Every response of a crawl, kept in WARC files (warcio) so it can be read again:
``warta ingest crawl/*.warc.gz`` rebuilds a store from them, with no fetching.

Each fetch is a ``request`` record and a ``response`` record, one gzip member each (as the
WARC spec recommends: a reader can seek to any record). The body kept is the one warta read:
decompressed, so the archive can be read without a brotli decoder; the response's
``Content-Encoding`` is kept as ``X-Warta-Content-Encoding`` and ``Content-Length`` is the
length kept. After the pages of a multi-page article, a ``metadata`` record lists them in order
(:meth:`WarcArchive.write_pages`), so a reader can tell they are one article. A file is closed
and a new one started once it is over ``max_bytes``.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta import __version__
from warta.ingest.warc import PAGES_TYPE

__all__ = ["WarcArchive"]

#: warcio compresses at level 9, which took a sixth of a crawl's time (benchmarks/crawl.py); level 6
#: (gzip's default) compresses news HTML within a few per cent as small, about twice as fast.
_GZIP_LEVEL = 6

_DROPPED = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _member(record: ArcWarcRecord) -> bytes:
    """One record as one gzip member (the WARC spec's recommendation: readers can seek to it)."""
    buffer = BytesIO()
    WARCWriter(buffer, gzip=False).write_record(record)
    return gzip.compress(buffer.getvalue(), compresslevel=_GZIP_LEVEL)


class WarcArchive:
    """WARC files in ``folder`` named ``warta-crawl-<time>-<pid>-<n>.warc.gz``."""

    def __init__(self, folder: Path, max_bytes: int = 1024**3) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.files: list[Path] = []
        self.records = 0
        self._stream: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, response: httpx.Response, body: bytes) -> None:
        """Archive one exchange: the request sent and the response with ``body`` as read."""
        writer = self._current()
        request = response.request
        target = urlsplit(str(request.url))
        path = target.path or "/"
        if target.query:
            path += "?" + target.query
        request_headers = StatusAndHeaders(
            f"{request.method} {path} HTTP/1.1", list(request.headers.items()), is_http_request=True
        )
        kept = [(k, v) for k, v in response.headers.items() if k.lower() not in _DROPPED]
        encoding = response.headers.get("content-encoding")
        if encoding:
            kept.append(("X-Warta-Content-Encoding", encoding))
        kept.append(("Content-Length", str(len(body))))
        status_line = f"{response.status_code} {response.reason_phrase or 'Unknown'}"
        response_headers = StatusAndHeaders(status_line, kept, protocol="HTTP/1.1")
        uri = str(request.url)
        record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=response_headers)
        sent = writer.create_warc_record(uri, "request", payload=BytesIO(b""), http_headers=request_headers)
        # Linked as warcio's write_request_response_pair links them; each record its own gzip member.
        sent.rec_headers.replace_header("WARC-Date", record.rec_headers.get_header("WARC-Date"))
        sent.rec_headers.add_header("WARC-Concurrent-To", record.rec_headers.get_header("WARC-Record-ID"))
        assert self._stream is not None
        self._stream.write(_member(sent) + _member(record))
        self.records += 2
        self._stream.flush()
        if self._stream.tell() >= self.max_bytes:
            self.close()

    def write_pages(self, article_url: str, pages: list[str]) -> None:
        """Record that ``pages`` (URLs as fetched, in page order) are one article: a ``metadata``
        record about the first page, JSON ``{"article": URL, "pages": [...]}`` (content type
        :data:`PAGES_TYPE`), written after the pages' own records."""
        writer = self._current()
        body = json.dumps({"article": article_url, "pages": pages}, ensure_ascii=False).encode()
        record = writer.create_warc_record(pages[0], "metadata", payload=BytesIO(body), warc_content_type=PAGES_TYPE)
        assert self._stream is not None
        self._stream.write(_member(record))
        self.records += 1
        self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
        self._stream = None
        self._writer = None

    def _current(self) -> WARCWriter:
        if self._writer is not None:
            return self._writer
        stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        path = self.folder / f"warta-crawl-{stamp}-{os.getpid()}-{len(self.files):05d}.warc.gz"
        self._stream = path.open("xb")
        self.files.append(path)
        self._writer = WARCWriter(self._stream, gzip=True)
        info = self._writer.create_warcinfo_record(path.name, {"software": f"warta {__version__}"})
        self._stream.write(_member(info))
        return self._writer
