"""Reading the input: a file, or standard input for ``"-"``, as bytes, with transparent gunzip.

The one part of loading that does I/O, and the part that must stay bounded whatever arrives:
input is read in chunks up to the size cap, and gzip (several members allowed) is inflated as a
stream that stops as soon as its output passes the cap, so a decompression bomb costs at most
``LoadOptions.max_bytes`` of memory. :func:`gunzip` applies the same inflation to gzip bytes
already in memory (``load_page`` gets those), and :func:`too_large` words the size-limit error
for every step.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from warta.errors import BinaryInputError, InputError, InputTooLargeError
from warta.extract.limits import DEFAULT_OPTIONS, LoadOptions

__all__ = ["GZIP_MAGIC", "gunzip", "read_source", "too_large"]

_CHUNK = 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
_STDIN_NAME = "<stdin>"
# Concatenated gzip members are valid (bgzip writes one per 64 KB, so 1024 for 64 MiB), but
# each costs a little Python work: a stream of millions of empty members would be a slow bomb.
_MAX_GZIP_MEMBERS = 10_000


def read_source(path: str | Path, options: LoadOptions = DEFAULT_OPTIONS) -> bytes:
    """Read a file, or standard input for ``"-"``, as bytes.

    Gzip input (a ``.gz`` name or gzip magic bytes) is decompressed as a stream: output beyond
    ``options.max_bytes`` raises :class:`InputTooLargeError` at once, so a gzip bomb costs at
    most ``max_bytes`` of memory and the time to inflate that much. Unreadable files raise
    :class:`InputError`; corrupt or truncated gzip and gzip inside gzip raise
    :class:`BinaryInputError`.
    """
    is_stdin = str(path) == "-"
    name = _STDIN_NAME if is_stdin else str(path)
    try:
        if is_stdin:
            stdin = sys.stdin
            if stdin is None:
                raise InputError(f"{name}: there is no standard input to read; pass a file path instead")
            return _read_stream(stdin.buffer, name, options, named_gz=False)
        file_path = Path(path)
        with file_path.open("rb") as stream:
            return _read_stream(stream, name, options, named_gz=file_path.suffix.lower() == ".gz")
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"{name}: cannot read the input ({reason}); check the path and permissions") from exc


def _read_stream(stream: BinaryIO, name: str, options: LoadOptions, *, named_gz: bool) -> bytes:
    limit = options.max_bytes
    first = stream.read(_CHUNK)
    if first.startswith(GZIP_MAGIC):
        return _check_inflated(_inflate(_chain(first, stream), name, limit), name)
    if named_gz and first:
        raise BinaryInputError(
            f"{name}: the name ends in .gz but the content is not gzip data; "
            "rename the file or check that the download is complete"
        )
    parts = [first]
    size = len(first)
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        raise too_large(name, limit)
    return b"".join(parts)


def _chain(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield first
    while chunk := stream.read(_CHUNK):
        yield chunk


def _chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), _CHUNK):
        yield bytes(view[start : start + _CHUNK])


def gunzip(data: bytes, name: str, limit: int) -> bytes:
    """Inflate gzip bytes held in memory, with the cap and the checks of :func:`read_source`."""
    return _check_inflated(_inflate(_chunks(data), name, limit), name)


def _inflate(chunks: Iterable[bytes], name: str, limit: int) -> bytes:
    """Gunzip a stream of chunks (several members allowed) with a cap on the output size."""
    out: list[bytes] = []
    size = 0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    in_member = True
    pending = b""
    # Valid gzip is at most a little larger than its output; far more input than the output
    # cap can only be padding or endless empty members: stop reading it.
    input_limit = 2 * limit + _CHUNK
    consumed = 0
    members = 1
    for chunk in chunks:
        consumed += len(chunk)
        if consumed > input_limit:
            raise too_large(name, limit, decompressed=True)
        data = pending + chunk if pending else chunk
        pending = b""
        while data:
            if not in_member:
                # Between members: NUL padding is allowed, anything else but a new member is
                # trailing garbage, ignored like gzip(1) does.
                data = data.lstrip(b"\x00")
                if len(data) < len(GZIP_MAGIC):
                    pending = data
                    break
                if not data.startswith(GZIP_MAGIC):
                    return b"".join(out)
                members += 1
                if members > _MAX_GZIP_MEMBERS:
                    raise BinaryInputError(
                        f"{name}: the gzip data has over {_MAX_GZIP_MEMBERS} members, which no saved "
                        "page has; decompress it yourself and check what it holds"
                    )
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                in_member = True
            try:
                piece = inflater.decompress(data, limit + 1 - size)
            except zlib.error as exc:
                raise BinaryInputError(
                    f"{name}: the gzip data is corrupt ({exc}); re-download the file or check it with `gzip -t`"
                ) from exc
            size += len(piece)
            if size > limit:
                raise too_large(name, limit, decompressed=True)
            if piece:
                out.append(piece)
            if inflater.eof:
                in_member = False
                data = inflater.unused_data
            else:
                data = inflater.unconsumed_tail
    if in_member:
        raise BinaryInputError(
            f"{name}: the gzip data is truncated (it ends before the end of the compressed stream); "
            "re-download the file or check it with `gzip -t`"
        )
    return b"".join(out)


def _check_inflated(data: bytes, name: str) -> bytes:
    if data.startswith(GZIP_MAGIC):
        raise BinaryInputError(
            f"{name}: the data is gzip-compressed twice; decompress it once yourself (`gunzip -c`) and pass the result"
        )
    return data


def too_large(name: str, limit: int, *, decompressed: bool = False) -> InputTooLargeError:
    """The error for input over ``limit`` bytes (``decompressed``: over it once gunzipped)."""
    if decompressed:
        what = "once decompressed, the input is over the size limit of"
        why = "a decompression bomb, or not a single news page"
    else:
        what = "the input is over the size limit of"
        why = "far bigger than any news page"
    return InputTooLargeError(
        f"{name}: {what} {_human(limit)} ({why}); pass a smaller input, or raise "
        "LoadOptions.max_bytes if it really is one page"
    )


def _human(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MiB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} bytes"
