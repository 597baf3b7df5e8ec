"""WARC and ARC files (Common Crawl CC-NEWS included), read with warcio.

HTML ``response`` records with a 2xx status become pages (``source`` is ``path@offset``, the
record's offset in the file as stored, so ``warcio extract`` can find it); requests, metadata,
redirects and non-HTML payloads are passed over. A record warcio cannot parse is a
``corrupt_warc`` problem, and reading goes on at the next record start found after it (the
next ``WARC/1.`` line, or the next gzip member in a ``.warc.gz``, one member per record as the
WARC spec recommends). A record cut short, or bytes at the end that hold no whole record, are
problems too.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from warta.extract.limits import LoadOptions
from warta.ingest.records import CORRUPT_WARC, NOT_A_PAGE, InputPage, ReadProblem

__all__ = ["PAGES_TYPE", "PageGrouper", "read_warc"]

_WARC_MAGIC = b"WARC/1."
_GZIP_MEMBER = b"\x1f\x8b\x08"
_HTML_TYPES = ("text/html", "application/xhtml+xml")

#: The content type of the metadata record ``warta crawl`` writes after the pages of a
#: multi-page article (:mod:`warta.crawl.archive`), listing them in page order.
PAGES_TYPE = "application/vnd.warta.pages+json"
#: Pages held back while their article's metadata record may still come. The crawl writes it as
#: soon as the article's last page is in, so other fetches interleave only a few records (up to
#: its concurrency times the pages of an article); 256 leaves room and holds at most 256 pages.
_WINDOW = 256


def read_warc(
    stream: BinaryIO,
    name: str,
    options: LoadOptions,
    *,
    start: int = 0,
    stop: int | None = None,
    grouper: PageGrouper | None = None,
) -> Iterator[InputPage | ReadProblem]:
    """Pages and problems from a WARC/ARC file (``stream`` must be a seekable file).

    ``start`` and ``stop`` read a part of it (``warta batch`` splits a large WARC so): the records
    that start at or after ``start`` (a record's offset) and before ``stop`` (None: the end).
    In a file ``warta crawl`` wrote, the pages of a multi-page article come as one page with the
    others in ``more``, as its metadata record lists them (when they fall in the part read).
    ``grouper`` carries pages still waiting for their metadata record from one file to the next
    (a crawl's archive may rotate between an article's pages and that record); the caller
    flushes it after the last file. Without it, the pages still waiting go on at the file's end.
    """
    own = grouper is None
    grouping = PageGrouper() if grouper is None else grouper
    items = _records(stream, name, options, start, stop)
    if _written_by_warta(stream):
        for item in items:
            yield from grouping.feed(item)
    else:
        yield from (item for item in items if not isinstance(item, _Pages))
    if own:
        yield from grouping.flush()


@dataclass(frozen=True, slots=True)
class _Pages:
    """A crawl's metadata record: ``pages`` (URLs in page order) are the article ``article``."""

    article: str
    pages: tuple[str, ...]


def _written_by_warta(stream: BinaryIO) -> bool:
    """Whether the file starts with the warcinfo record of a ``warta crawl`` archive."""
    stream.seek(0)
    try:
        for record in ArchiveIterator(stream):
            return record.rec_type == "warcinfo" and b"software: warta" in record.content_stream().read(4096)
    except Exception:  # a file warcio cannot read: the main pass reports it
        return False
    return False


class PageGrouper:
    """Pages with their following pages in ``more``, as the crawl's metadata records group them.

    A page is held back (up to :data:`_WINDOW` of them) until the record naming its article comes;
    one whose article never comes, or comes incomplete, goes on as a page of its own. One grouper
    can read several files in turn, so an article split by the archive's rotation is whole again.
    """

    def __init__(self) -> None:
        self._held: dict[str, InputPage] = {}

    def feed(self, item: InputPage | ReadProblem | _Pages) -> Iterator[InputPage | ReadProblem]:
        """What can go on now that ``item`` was read."""
        held = self._held
        if isinstance(item, _Pages):
            found = [held.pop(url) for url in item.pages if url in held]
            if found and len(found) == len(item.pages):
                yield replace(found[0], url=item.article, more=tuple(found[1:]))
            else:
                yield from found
        elif isinstance(item, InputPage) and item.url:
            earlier = held.pop(item.url, None)
            if earlier is not None:
                yield earlier
            held[item.url] = item
            if len(held) > _WINDOW:
                yield held.pop(next(iter(held)))
        else:
            yield item

    def flush(self) -> Iterator[InputPage | ReadProblem]:
        """The pages still held, each as a page of its own (no more records will come)."""
        held, self._held = self._held, {}
        yield from held.values()


def _records(
    stream: BinaryIO, name: str, options: LoadOptions, start: int, stop: int | None
) -> Iterator[InputPage | ReadProblem | _Pages]:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    compressed = stream.read(3) == _GZIP_MEMBER
    position = start
    limit = size if stop is None else stop
    while position < limit:
        stream.seek(position)
        records = ArchiveIterator(stream, arc2warc=True)
        last_start: int | None = None
        end = position
        try:
            for record in records:
                # The offset is read after the content: asking for it makes warcio skip to the record's end.
                if records.offset >= limit:
                    return  # the record belongs to the next part
                item = _page(record, name, options)
                last_start = records.get_record_offset()
                end = last_start + records.get_record_length()
                if isinstance(item, _Pages):
                    yield item
                elif item is not None:
                    yield _located(item, f"{name}@{last_start}")
        except Exception as exc:  # warcio raises many kinds (ArchiveLoadFailed, zlib.error, ValueError ...)
            failed_at = end if last_start is not None else position
            yield ReadProblem(f"{name}@{failed_at}", CORRUPT_WARC, f"a record could not be read ({exc})")
            following = _next_record(stream, failed_at + 1, compressed)
            if following is None:
                return
            position = following
            continue
        if stop is None and size - end > 4:  # a few bytes of padding (CRLFs, NULs) are left by some writers
            yield ReadProblem(
                f"{name}@{end}",
                CORRUPT_WARC,
                f"the last {size - end} bytes hold no complete record (a truncated download?)",
            )
        return


def _located(item: InputPage | ReadProblem, source: str) -> InputPage | ReadProblem:
    if isinstance(item, ReadProblem):
        return ReadProblem(source, item.code, item.detail)
    return InputPage(item.data, source, item.input_format, item.url, item.fetched_at, item.hints)


def _page(record: object, name: str, options: LoadOptions) -> InputPage | ReadProblem | _Pages | None:
    """The page a record holds, a problem, a crawl's page grouping, or None for a record that is
    not an HTML response."""
    rec_type = getattr(record, "rec_type", None)
    if rec_type == "metadata":
        return _pages(record)
    if rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    http = getattr(record, "http_headers", None)
    if http is not None and rec_type == "response":
        status = str(http.get_statuscode() or "")
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    if not any(kind in content_type.lower() for kind in _HTML_TYPES):
        return None
    body = record.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > options.max_bytes:
        return ReadProblem(name, NOT_A_PAGE, f"the record's payload is over the limit of {options.max_bytes} bytes")
    remaining = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if remaining:
        return ReadProblem(name, CORRUPT_WARC, f"the record is cut short ({remaining} bytes missing)")
    return InputPage(
        data=body,
        source=name,
        input_format="html",
        url=headers.get_header("WARC-Target-URI"),
        fetched_at=headers.get_header("WARC-Date"),
    )


def _pages(record: Any) -> _Pages | None:
    if record.rec_headers.get_header("Content-Type") != PAGES_TYPE:
        return None
    try:
        data = json.loads(record.content_stream().read(1024 * 1024))
        pages = tuple(str(url) for url in data["pages"])
        return _Pages(str(data["article"]), pages) if pages else None
    except (ValueError, KeyError, TypeError):
        return None  # a damaged grouping: its pages are read one by one


def _next_record(stream: BinaryIO, start: int, compressed: bool) -> int | None:
    """The offset of the next record start at or after ``start``, or None."""
    magic = _GZIP_MEMBER if compressed else _WARC_MAGIC
    try:
        with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as view:
            found = view.find(magic, start)
    except (OSError, ValueError):
        stream.seek(start)
        data = stream.read()
        at = data.find(magic)
        found = start + at if at >= 0 else -1
    return found if found >= 0 else None
