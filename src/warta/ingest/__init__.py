"""Ingest: many inputs (files, directories, .gz, WARC/ARC, JSONL, CSV, standard input) into a store.

:mod:`~warta.ingest.readers` turns inputs into pages and bad records into problems;
:mod:`~warta.ingest.worker` extracts and analyses one page; :mod:`~warta.ingest.runner` runs
it all, in parallel, writing each article once; :mod:`~warta.ingest.reprocess` runs the
pipeline again over the pages a store keeps. docs/store.md says how idempotence and resume work.

>>> from warta.store import open_store
>>> from warta.ingest import ingest
>>> with open_store("warta.db") as store:  # doctest: +SKIP
...     summary = ingest(store, ["samples/pages"])
"""

from __future__ import annotations

from warta.ingest.readers import FORMATS, ReadOptions, read_inputs
from warta.ingest.records import InputPage, ReadProblem
from warta.ingest.reprocess import ReprocessOptions, ReprocessSummary, reprocess
from warta.ingest.runner import IngestOptions, IngestSummary, ingest
from warta.ingest.tables import parse_columns

__all__ = [
    "FORMATS",
    "IngestOptions",
    "IngestSummary",
    "InputPage",
    "ReadOptions",
    "ReadProblem",
    "ReprocessOptions",
    "ReprocessSummary",
    "ingest",
    "parse_columns",
    "read_inputs",
    "reprocess",
]
