"""Where a batch reads and writes: local paths, or fsspec URLs (``s3://``, ``gs://``, ``abfs://`` ...).

Local paths are opened as files (so a WARC can be memory-mapped to find the next record after a
corrupt one); a URL goes through fsspec, which needs the protocol's package installed on every
machine of the cluster (``s3fs`` for ``s3://``, ``gcsfs`` for ``gs://``). fsspec comes with Dask
and is imported only here, when a batch runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from warta.errors import BatchError
from warta.extract import expand_paths

__all__ = ["is_url", "list_inputs", "open_input", "output_fs"]


def is_url(path: str) -> bool:
    """Whether ``path`` names a place through fsspec (``s3://bucket/key``) rather than a local file."""
    return "://" in path and not path.startswith("file://")


def list_inputs(paths: Iterable[str]) -> list[str]:
    """Every input file named, in the order ``warta ingest`` reads them: a directory (or a URL
    prefix holding objects) stands for every file under it, sorted by path."""
    found: list[str] = []
    for path in paths:
        if path == "-":
            raise BatchError("warta batch reads files, not standard input; write it to a file first")
        if not is_url(path):
            found.extend(str(p) for p in expand_paths([path]))
            continue
        fs, root = _fs(path)
        if fs.isdir(root):
            names = sorted(p for p in fs.find(root) if not p.rsplit("/", 1)[-1].startswith("."))
            found.extend(fs.unstrip_protocol(p) for p in names)
        else:
            found.append(path)
    return found


def open_input(path: str) -> IO[bytes]:
    """One input, opened for reading (seekable); OSError when it cannot be."""
    if not is_url(path):
        return open(path.removeprefix("file://"), "rb")  # the caller closes it
    fs, key = _fs(path)
    stream: IO[bytes] = fs.open(key, "rb")
    return stream


def output_fs(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of an output directory and the directory's path on it."""
    return _fs(url)


def _fs(url: str) -> tuple[Any, str]:
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:  # pragma: no cover - fsspec is a dependency of dask
        raise BatchError(f"warta batch needs fsspec ({exc}); pip install 'dask[distributed]'") from exc
    try:
        fs, path = url_to_fs(url)
    except (ImportError, ValueError) as exc:
        hint = "install its fsspec package (s3fs, gcsfs)"
        raise BatchError(f"{url}: no filesystem for this URL ({exc}); {hint}") from exc
    return fs, str(path)
