"""Inputs -> pages: every path named (files, directories, ``.gz``, WARC/ARC, JSONL, CSV, ``-``).

:func:`read_inputs` streams :class:`InputPage` items and :class:`ReadProblem` items in input
order: a directory stands for every file under it, sorted by path; standard input is spooled to
a temporary file first (so a WARC on a pipe can be read like a file, in bounded memory).

The format of each file is detected (``--format auto``) from its name and its first bytes:
``WARC/`` or ``filedesc://`` (ARC) -> warc, ``.jsonl``/``.ndjson`` or a leading ``{`` -> jsonl,
``.csv`` -> csv, anything else one page (HTML or a text dump, as extraction detects it).
``.gz`` is looked through for all of them.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, cast

from warta.errors import BinaryInputError, IngestError, InputError
from warta.extract import expand_paths
from warta.extract.limits import DEFAULT_OPTIONS, LoadOptions
from warta.extract.sources import GZIP_MAGIC, gunzip
from warta.ingest.records import CORRUPT_GZIP, NOT_A_PAGE, UNREADABLE_INPUT, InputPage, ReadProblem
from warta.ingest.tables import read_csv, read_jsonl
from warta.ingest.warc import PageGrouper, read_warc

__all__ = ["FORMATS", "ReadOptions", "count_records", "detect_format", "read_inputs", "read_stream", "unreadable"]

FORMATS = ("auto", "html", "dump", "text", "jsonl", "csv", "warc")
_PAGE_FORMATS = ("html", "dump", "text")
_SNIFF = 4096
_STDIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read the inputs: ``input_format`` (one of :data:`FORMATS`), the CSV column mapping
    (role -> column name, see :mod:`warta.ingest.tables`) and the loading limits."""

    input_format: str = "auto"
    csv_columns: Mapping[str, str] | None = None
    load: LoadOptions = field(default_factory=lambda: DEFAULT_OPTIONS)

    def __post_init__(self) -> None:
        if self.input_format not in FORMATS:
            raise IngestError(f"unknown input format {self.input_format!r}; use one of {', '.join(FORMATS)}")


def _head(path: Path) -> bytes:
    """The first bytes of a file, looking through gzip; b"" when unreadable."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF)
    except OSError:
        return b""
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF)
        except zlib.error:
            return b""
    return head


def detect_format(path: Path, head: bytes | None = None) -> str:
    """``warc``, ``jsonl``, ``csv`` or ``page`` for one file (see the module docstring)."""
    head = _head(path) if head is None else head
    if head.startswith(b"WARC/") or head.startswith(b"filedesc://"):
        return "warc"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    last = suffixes[-1] if suffixes else ""
    if last in (".warc", ".arc"):
        return "warc"
    if last in (".jsonl", ".ndjson"):
        return "jsonl"
    if last in (".csv", ".tsv"):
        return "csv"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "page"


def read_inputs(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[InputPage | ReadProblem]:
    """Every page (and every bad record) in the inputs, in order. Never raises for bad input."""
    opts = options or ReadOptions()
    grouper = PageGrouper()  # one for all inputs: a crawl's archive may split an article over two files
    for path in expand_paths(paths):
        if str(path) == "-":
            yield from _read_stdin(opts, grouper)
        else:
            yield from _read_file(Path(path), str(path), opts, grouper)
    yield from grouper.flush()


def _read_stdin(options: ReadOptions, grouper: PageGrouper | None = None) -> Iterator[InputPage | ReadProblem]:
    stdin = sys.stdin
    if stdin is None:
        yield ReadProblem(_STDIN, UNREADABLE_INPUT, "there is no standard input to read")
        return
    with tempfile.NamedTemporaryFile(prefix="warta-stdin-") as spool:
        shutil.copyfileobj(stdin.buffer, spool)
        spool.flush()
        yield from _read_file(Path(spool.name), _STDIN, options, grouper)


def _read_file(
    path: Path, name: str, options: ReadOptions, grouper: PageGrouper | None = None
) -> Iterator[InputPage | ReadProblem]:
    fmt = options.input_format
    if fmt == "auto":
        fmt = detect_format(path)
    try:
        with path.open("rb") as raw:
            yield from read_stream(raw, name, fmt, options, grouper=grouper)
    except OSError as exc:
        yield unreadable(name, exc)


def unreadable(name: str, exc: OSError) -> ReadProblem:
    """The problem of an input that cannot be opened or read."""
    reason = exc.strerror or str(exc)
    return ReadProblem(name, UNREADABLE_INPUT, f"cannot read the input ({reason}); check the path and permissions")


def read_stream(
    raw: IO[bytes], name: str, fmt: str, options: ReadOptions, *, grouper: PageGrouper | None = None
) -> Iterator[InputPage | ReadProblem]:
    """Every page and bad record of one open, seekable input in format ``fmt`` (what
    :func:`detect_format` says, or a page format); ``name`` is the input's name in ``source``.
    ``grouper`` holds a crawl archive's pages across files (:func:`warta.ingest.warc.read_warc`)."""
    with ExitStack() as stack:
        if fmt == "warc":
            yield from read_warc(cast(BinaryIO, raw), name, options.load, grouper=grouper)
        elif fmt in ("jsonl", "csv"):
            stream: IO[bytes] = raw
            if raw.read(2) == GZIP_MAGIC:
                stream = cast(IO[bytes], stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb")))
            raw.seek(0)
            if fmt == "jsonl":
                yield from read_jsonl(stream, name, options.load)
            else:
                yield from read_csv(stream, name, options.load, options.csv_columns)
        else:
            yield _page(raw, name, "auto" if fmt == "page" else fmt, options.load)


def _page(stream: IO[bytes], name: str, input_format: str, load: LoadOptions) -> InputPage | ReadProblem:
    data = stream.read(load.max_bytes + 1)
    if len(data) > load.max_bytes:
        return ReadProblem(name, NOT_A_PAGE, f"the file is over the size limit of {load.max_bytes} bytes")
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data, name, load.max_bytes)
        except BinaryInputError as exc:
            return ReadProblem(name, CORRUPT_GZIP, str(exc))
        except InputError as exc:
            return ReadProblem(name, NOT_A_PAGE, str(exc))
    return InputPage(data=data, source=name, input_format=input_format)


def count_records(paths: Iterable[str | Path], options: ReadOptions | None = None) -> int | None:
    """How many records the inputs hold, for a progress bar's ETA; None when that would mean
    reading a WARC or standard input twice. Costs one quick pass over JSONL and CSV files."""
    opts = options or ReadOptions()
    total = 0
    for path in expand_paths(paths):
        if str(path) == "-":
            return None
        fmt = opts.input_format if opts.input_format != "auto" else detect_format(Path(path))
        if fmt == "warc":
            return None
        if fmt in ("jsonl", "csv"):
            total += sum(1 for _ in _read_file(Path(path), str(path), opts))
        else:
            total += 1
    return total
