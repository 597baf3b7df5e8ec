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

import mmap
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from warta.extract.limits import LoadOptions
from warta.ingest.records import CORRUPT_WARC, NOT_A_PAGE, InputPage, ReadProblem

__all__ = ["read_warc"]

_WARC_MAGIC = b"WARC/1."
_GZIP_MEMBER = b"\x1f\x8b\x08"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: BinaryIO, name: str, options: LoadOptions, *, start: int = 0, stop: int | None = None
) -> Iterator[InputPage | ReadProblem]:
    """Pages and problems from a WARC/ARC file (``stream`` must be a seekable file).

    ``start`` and ``stop`` read a part of it (``warta batch`` splits a large WARC so): the records
    that start at or after ``start`` (a record's offset) and before ``stop`` (None: the end).
    """
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
                if item is not None:
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


def _page(record: object, name: str, options: LoadOptions) -> InputPage | ReadProblem | None:
    """The page a record holds, a problem, or None for a record that is not an HTML response."""
    rec_type = getattr(record, "rec_type", None)
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
