"""What the readers hand the ingest runner: pages to process, or problems with bad records.

Problem codes of ingest (stable; docs/store.md lists them with what to do):

================== =====================================================================
``unreadable_input`` a path that cannot be opened or read
``corrupt_gzip``     gzip data that is corrupt or truncated (what was read before it is kept)
``corrupt_warc``     a WARC/ARC record that cannot be parsed (reading resumes at the next record)
``bad_jsonl_line``   a JSON Lines line that is not a JSON object with ``html`` or ``text``
``bad_csv_row``      a CSV row with the wrong number of fields, or no text
``not_a_page``       a record that loading refuses: empty, binary, too large, undecodable
``extraction_failed`` a page that was read but no article could be built from it
``internal_error``   a bug in warta met on this record (reported, the ingest goes on)
================== =====================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "BAD_CSV_ROW",
    "BAD_JSONL_LINE",
    "CORRUPT_GZIP",
    "CORRUPT_WARC",
    "EXTRACTION_FAILED",
    "INTERNAL_ERROR",
    "NOT_A_PAGE",
    "UNREADABLE_INPUT",
    "InputPage",
    "ReadProblem",
]

UNREADABLE_INPUT = "unreadable_input"
CORRUPT_GZIP = "corrupt_gzip"
CORRUPT_WARC = "corrupt_warc"
BAD_JSONL_LINE = "bad_jsonl_line"
BAD_CSV_ROW = "bad_csv_row"
NOT_A_PAGE = "not_a_page"
EXTRACTION_FAILED = "extraction_failed"
INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True, slots=True)
class InputPage:
    """One page read from an input, not yet extracted.

    ``data`` is the page's bytes (decompressed); ``source`` names the input and the record
    (``dump.jsonl:12``, ``crawl.warc.gz@5120``); ``input_format`` is how to read it (auto, html,
    dump, text); ``hints`` are metadata the input gave beside the page (title, published,
    authors from a CSV row), applied over what extraction finds; ``more`` holds the following
    pages of a multi-page article, in page order (a ``warta crawl`` WARC file says which).
    """

    data: bytes
    source: str
    input_format: str = "auto"
    url: str | None = None
    fetched_at: str | None = None
    hints: dict[str, Any] | None = None
    more: tuple[InputPage, ...] = ()


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A record that could not be read: recorded in the store as a problem, the ingest goes on."""

    source: str
    code: str
    detail: str
