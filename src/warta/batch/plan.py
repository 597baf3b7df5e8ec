"""The plan of a batch: its inputs cut into partitions, each one task and one Parquet shard.

Pages (one file each) are grouped, ``partition_size`` files a partition, in input order. A
WARC, JSON Lines or CSV file is cut into partitions of ``partition_size`` records, so a huge
WARC becomes many tasks. Where the cut falls is found by a quick scan of the file (a task of its
own, run on the cluster next to the data): a WARC is cut at record offsets, so each partition
seeks straight to its first record; a plain JSON Lines file at line starts (a byte offset and
its line number); a gzipped JSON Lines file or a CSV file (whose quoted fields may span lines)
by record number: its partitions read the file from the start and keep their range, which
costs a parse of the records before them, far less than extracting them.

Partitions are numbered in input order, so ``warta load`` writes the shards in the order
``warta ingest`` would have read the inputs, and both make the same duplicate and story choices.
The plan is kept in the output directory (:data:`PLAN_FILE`); a rerun over the same inputs reuses
it, so its shard numbers mean the same partitions.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from warta.batch.storage import open_input
from warta.extract.sources import GZIP_MAGIC
from warta.ingest.readers import ReadOptions, detect_format, read_stream

__all__ = [
    "PLAN_FILE",
    "Partition",
    "detect",
    "detect_all",
    "dump_plan",
    "group_pages",
    "load_plan",
    "plan_key",
    "scan",
]

PLAN_FILE = "_plan.json"
_SNIFF = 4096
# Read a JSON Lines file in chunks of this size when scanning, so a huge line costs no more memory.
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Partition:
    """One task of a batch and the shard it writes.

    ``fmt`` is how its input reads (``page`` or a page format for ``paths``, else ``warc``,
    ``jsonl`` or ``csv`` for ``path``). A WARC partition holds the records starting at byte
    offsets ``start`` (inclusive) to ``stop`` (exclusive; None: to the end). A plain JSON Lines
    partition starts reading at byte ``start``, which is line ``first_line``. Then the records
    read are cut to ``skip`` .. ``skip + take`` (``take`` None: all the rest).
    """

    number: int
    fmt: str
    path: str = ""
    paths: tuple[str, ...] = ()
    start: int = 0
    stop: int | None = None
    first_line: int = 1
    skip: int = 0
    take: int | None = None

    @property
    def name(self) -> str:
        """The shard's file name."""
        return f"part-{self.number:05d}.parquet"

    @property
    def label(self) -> str:
        """What it covers, for messages."""
        if self.paths:
            return f"{self.paths[0]} (+{len(self.paths) - 1} file(s))" if len(self.paths) > 1 else self.paths[0]
        return f"{self.path}@{self.start}" if self.start else self.path

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "paths": list(self.paths)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partition:
        return cls(**{**data, "paths": tuple(data.get("paths", ()))})


def _head(stream: IO[bytes]) -> bytes:
    head = stream.read(_SNIFF)
    stream.seek(0)
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF)
        except zlib.error:
            return b""
    return head


def detect(path: str, options: ReadOptions) -> str:
    """The format of one input (``warc``, ``jsonl``, ``csv``, or ``page``/a page format)."""
    if options.input_format != "auto":
        return options.input_format
    try:
        with open_input(path) as stream:
            head = _head(stream)
    except OSError:
        head = b""  # read as a page: its partition records it as unreadable
    return detect_format(Path(path), head)


def detect_all(paths: list[str], options: ReadOptions) -> list[str]:
    """The format of each input (one task detects a chunk of them: a head read each)."""
    return [detect(path, options) for path in paths]


def group_pages(paths: list[str], size: int) -> list[tuple[str, ...]]:
    """Consecutive page files, ``size`` a group."""
    return [tuple(paths[i : i + size]) for i in range(0, len(paths), size)]


def scan(path: str, fmt: str, size: int, options: ReadOptions) -> list[dict[str, int | None]]:
    """Where to cut one WARC/JSONL/CSV file into partitions of ``size`` records: the fields of
    each partition (``start``, ``stop``, ``first_line``, ``skip``, ``take``). An unreadable or
    corrupt file is not cut past the damage: its last partition reads on from there and records it."""
    try:
        with open_input(path) as stream:
            if fmt == "warc":
                return _cut_offsets(_warc_offsets(stream), size)
            compressed = stream.read(2) == GZIP_MAGIC
            stream.seek(0)
            if fmt == "jsonl" and not compressed:
                return _jsonl_cuts(stream, size)
            count = sum(1 for _ in read_stream(stream, path, fmt, options))
    except OSError:
        return [{"start": 0, "stop": None, "first_line": 1, "skip": 0, "take": None}]
    cuts: list[dict[str, int | None]] = []
    for skip in range(0, max(count, 1), size):
        take = size if skip + size < count else None
        cuts.append({"start": 0, "stop": None, "first_line": 1, "skip": skip, "take": take})
    return cuts


def _warc_offsets(stream: IO[bytes]) -> list[int]:
    """The offset of every record of a WARC that reads cleanly from the start."""
    from warcio.archiveiterator import ArchiveIterator

    offsets: list[int] = []
    records = ArchiveIterator(stream, arc2warc=True)
    try:
        for _ in records:
            offsets.append(records.offset)  # the current record's start, before its content is read
    except Exception:  # a corrupt record: no cut past it; its partition reads on and reports it
        pass
    return offsets


def _cut_offsets(offsets: list[int], size: int) -> list[dict[str, int | None]]:
    starts = [0, *offsets[size::size]]
    return [
        {"start": begin, "stop": end, "first_line": 1, "skip": 0, "take": None}
        for begin, end in zip(starts, [*starts[1:], None], strict=True)
    ]


def _jsonl_cuts(stream: IO[bytes], size: int) -> list[dict[str, int | None]]:
    """Cuts of a plain JSON Lines file every ``size`` non-blank lines (each is one record)."""
    cuts: list[dict[str, int | None]] = [{"start": 0, "stop": None, "first_line": 1, "skip": 0, "take": None}]
    offset, line, records, next_cut = 0, 1, 0, size
    at_line_start, blank = True, True
    while chunk := stream.readline(_CHUNK):
        if at_line_start and records == next_cut:
            cuts[-1]["take"] = size
            cuts.append({"start": offset, "stop": None, "first_line": line, "skip": 0, "take": None})
            next_cut += size
        blank = blank and not chunk.strip()
        offset += len(chunk)
        at_line_start = chunk.endswith(b"\n")
        if at_line_start:
            records += 0 if blank else 1
            line += 1
            blank = True
    return cuts


def plan_key(inputs: list[str], sizes: list[int | None], size: int, options: ReadOptions) -> dict[str, Any]:
    """What a plan was made from: a rerun reuses the plan only when this is the same."""
    return {
        "inputs": inputs,
        "sizes": sizes,
        "partition_size": size,
        "input_format": options.input_format,
        "csv_columns": dict(options.csv_columns) if options.csv_columns else None,
    }


def dump_plan(key: dict[str, Any], partitions: list[Partition]) -> bytes:
    return json.dumps({**key, "partitions": [p.to_dict() for p in partitions]}, indent=1).encode("utf-8")


def load_plan(data: bytes, key: dict[str, Any]) -> list[Partition] | None:
    """The partitions of a stored plan, or None when it was made from something else."""
    try:
        stored = json.loads(data)
        if {k: stored.get(k) for k in key} != json.loads(json.dumps(key)):
            return None
        return [Partition.from_dict(p) for p in stored["partitions"]]
    except (ValueError, KeyError, TypeError):
        return None
