"""Record files: JSON Lines (one page per line) and CSV files of scraped articles.

A JSONL line is an object with ``html`` or ``text`` (the page), and optionally ``url``,
``fetched_at``, ``format`` (html, dump or text: how to read the page), ``title``,
``published`` (or ``date``) and ``authors``. A CSV row is an article a scraper already cut out:
its text, and the columns :data:`DEFAULT_COLUMNS` names (or ``--csv-columns`` maps).

A line or row that cannot be used is a problem (``bad_jsonl_line``, ``bad_csv_row``) and the
file goes on; gzip that breaks mid-file is ``corrupt_gzip`` and ends that file (what was read
before it is kept).
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Iterator, Mapping
from typing import IO, Any

from warta.errors import IngestError
from warta.extract.limits import LoadOptions
from warta.ingest.records import BAD_CSV_ROW, BAD_JSONL_LINE, CORRUPT_GZIP, InputPage, ReadProblem

__all__ = ["COLUMN_ROLES", "DEFAULT_COLUMNS", "parse_columns", "read_csv", "read_jsonl"]

#: What each column role may be called in a header (compared without case): English names and
#: those of the Indonesian scraped-news datasets (isi_berita, tanggal_publikasi, judul).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "title": ("title", "judul"),
    "text": ("text", "isi_berita", "content", "body_text", "body", "isi"),
    "date": ("date", "tanggal_publikasi", "publishdate", "published", "tanggal"),
    "author": ("author", "authors", "penulis"),
}
COLUMN_ROLES = tuple(DEFAULT_COLUMNS)
_PAGE_FORMATS = ("html", "dump", "text")
# Errors a gzip stream raises when it is corrupt or cut short.
_GZIP_ERRORS = (EOFError, zlib.error, OSError)


def parse_columns(spec: str) -> dict[str, str]:
    """``"url=link,text=body"`` -> ``{"url": "link", "text": "body"}`` (roles: url, title, text, date, author)."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        role, sep, column = part.partition("=")
        role = role.strip().lower()
        if not sep or not column.strip() or role not in COLUMN_ROLES:
            raise IngestError(
                f"--csv-columns: {part!r} is not ROLE=COLUMN with ROLE one of {', '.join(COLUMN_ROLES)} "
                "(e.g. --csv-columns url=link,text=isi_berita)"
            )
        mapping[role] = column.strip()
    return mapping


def _lines(stream: IO[bytes], limit: int, first: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines (from ``first``); None for a line over ``limit`` bytes (the rest of it is skipped)."""
    number = first - 1
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def read_jsonl(
    stream: IO[bytes], name: str, options: LoadOptions, *, first_line: int = 1
) -> Iterator[InputPage | ReadProblem]:
    """Pages from a JSON Lines file (see the module docstring), read from the stream's position,
    which is the start of line ``first_line`` (``warta batch`` reads a large file in parts)."""
    number = first_line - 1
    try:
        for number, line in _lines(stream, options.max_bytes, first_line):
            if line is not None and not line.strip():
                continue
            source = f"{name}:{number}"
            item = _jsonl_page(line, source)
            if item is not None:
                yield item
    except _GZIP_ERRORS as exc:
        yield ReadProblem(f"{name}:{number + 1}", CORRUPT_GZIP, f"the gzip data is corrupt or truncated ({exc})")


def _jsonl_page(line: bytes | None, source: str) -> InputPage | ReadProblem:
    if line is None:
        return ReadProblem(source, BAD_JSONL_LINE, "the line is over the size limit of a page")
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return ReadProblem(source, BAD_JSONL_LINE, f"the line is not JSON ({exc})")
    if not isinstance(record, dict):
        return ReadProblem(source, BAD_JSONL_LINE, f"the line is a JSON {type(record).__name__}, not an object")
    html, text = record.get("html"), record.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        return ReadProblem(source, BAD_JSONL_LINE, 'the object has no "html" or "text" string holding a page')
    fmt = record.get("format")
    if fmt not in _PAGE_FORMATS:
        fmt = "auto" if content is html else "text"
    hints = _hints(record.get("title"), record.get("published") or record.get("date"), record.get("authors"))
    return InputPage(
        data=content.encode("utf-8", "replace"),
        source=source,
        input_format=str(fmt),
        url=_str(record.get("url")),
        fetched_at=_str(record.get("fetched_at")),
        hints=hints,
    )


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _hints(title: Any, published: Any, authors: Any) -> dict[str, Any] | None:
    hints: dict[str, Any] = {}
    if _str(title):
        hints["title"] = _str(title)
    if _str(published):
        hints["published"] = _str(published)
    if isinstance(authors, str) and authors.strip():
        authors = [a.strip() for a in authors.split(",")]
    if isinstance(authors, list):
        names = [a.strip() for a in authors if isinstance(a, str) and a.strip()]
        if names:
            hints["authors"] = names
    return hints or None


def _resolve(header: list[str], columns: Mapping[str, str] | None) -> dict[str, int]:
    folded = [h.strip().lstrip("\ufeff").lower() for h in header]
    found: dict[str, int] = {}
    for role, names in DEFAULT_COLUMNS.items():
        wanted = (columns[role],) if columns and role in columns else names
        for candidate in wanted:
            if candidate.strip().lower() in folded:
                found[role] = folded.index(candidate.strip().lower())
                break
        else:
            if columns and role in columns:
                raise IngestError(f"--csv-columns: no column {columns[role]!r} (the header has {', '.join(header)})")
    return found


def read_csv(
    stream: IO[bytes], name: str, options: LoadOptions, columns: Mapping[str, str] | None = None
) -> Iterator[InputPage | ReadProblem]:
    """Articles from a CSV file with a header row (see the module docstring)."""
    # csv's field limit is process-wide; raising it to the page limit only lets long articles through.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_bytes))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield ReadProblem(f"{name}:1", BAD_CSV_ROW, f"the header row cannot be read ({exc})")
        return
    except _GZIP_ERRORS as exc:
        yield ReadProblem(f"{name}:1", CORRUPT_GZIP, f"the gzip data is corrupt or truncated ({exc})")
        return
    if not header:
        return
    index = _resolve(header, columns)
    if "text" not in index:
        yield ReadProblem(
            f"{name}:1",
            BAD_CSV_ROW,
            f"no text column among {', '.join(header)}; name it with --csv-columns text=COLUMN",
        )
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ReadProblem(f"{name}:{reader.line_num}", BAD_CSV_ROW, f"the row cannot be parsed ({exc})")
            continue
        except _GZIP_ERRORS as exc:
            yield ReadProblem(f"{name}:{reader.line_num + 1}", CORRUPT_GZIP, f"the gzip data is corrupt ({exc})")
            return
        source = f"{name}:{reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            detail = f"the row has {len(row)} fields where the header has {len(header)} (a stray quote or comma?)"
            yield ReadProblem(source, BAD_CSV_ROW, detail)
            continue
        body = row[index["text"]].strip()
        if not body:
            yield ReadProblem(source, BAD_CSV_ROW, f"the text column {header[index['text']]!r} is empty")
            continue

        def cell(role: str, row: list[str] = row) -> str | None:
            return row[index[role]].strip() or None if role in index else None

        yield InputPage(
            data=body.encode("utf-8"),
            source=source,
            input_format="text",
            url=cell("url"),
            hints=_hints(cell("title"), cell("date"), cell("author")),
        )
