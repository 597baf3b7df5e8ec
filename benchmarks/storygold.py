"""The story and near-duplicate gold set (tests/data/stories-gold/), joined with its texts in ../shared.

The gold files hold identifiers only (source folder, CSV file, 0-based data row, URL); the texts are
read here from ``../shared/corpora/text-id`` and never written anywhere. Each row becomes a
:class:`warta.Article` the way an ingest of the CSV would make it: the title column as the title,
the body column through ``warta.extract(..., input_format="text")`` (which drops "Baca juga",
"ADVERTISEMENT", bylines and the like), the date column through warta's date parser.

Used by benchmarks/stories.py and by the gold tests (tests/test_stories.py, tests/test_dedup.py),
which load this file by path.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from warta import extract
from warta.extract.dates import parse_date
from warta.model import Article

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TEXTS = SHARED / "corpora" / "text-id"
GOLD = REPO / "tests" / "data" / "stories-gold"

Ref = tuple[str, str, int]  # (source folder, file, row)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of the gold set: where it is, its story (None for pair-only articles), the article."""

    ref: Ref
    url: str
    story: str | None
    article: Article


@dataclass(frozen=True, slots=True)
class GoldPair:
    a: Ref
    b: Ref
    duplicate: bool
    note: str
    kind: str | None = None  # a duplicate's kind: copy, press-release or updated (docs/stories-annotation.md)


def available() -> bool:
    return TEXTS.is_dir()


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ref(data: dict[str, Any]) -> Ref:
    return (str(data["source"]), str(data["file"]), int(data["row"]))


def read_csv(source: str, file: str) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with (TEXTS / source / file).open(encoding="utf-8", newline="") as fh:
        return [{k.lstrip("\ufeff"): v or "" for k, v in row.items() if k is not None} for row in csv.DictReader(fh)]


def _wiraindrak_body(body: str) -> str:
    """The tribunnews.csv copies of kompas rows hold the body as a Python list repr."""
    import ast
    import html

    text = body
    if text.startswith("[") and text.endswith("]"):
        try:
            parts = ast.literal_eval(text)
            text = "\n".join(str(p) for p in parts)
        except (ValueError, SyntaxError):
            pass
    return html.unescape(html.unescape(text))


def to_article(source: str, record: dict[str, str]) -> Article:
    """One CSV record -> Article (title, url, site, published from the columns; body extracted)."""
    if source.startswith("wiraindrak"):
        title, url, body, date = (
            record["Title"],
            record["URL"],
            _wiraindrak_body(record["Body_Text"]),
            record["PublishDate"],
        )
    else:
        title, url, body, date = record["judul"], record["url"], record["isi_berita"], record["tanggal_publikasi"]
    article = extract(f"{title}\n{body}", input_format="text", url=url)
    site = url.split("/")[2] if url.count("/") >= 2 else None
    return replace(article, title=title.strip() or article.title, site=site, published=parse_date(date))


# The second story set: Kompas.com and Tribunnews.com of 27 February 2023, annotated before warta
# was run on it, after every setting had been chosen on the first (docs/stories-annotation.md).
SECOND_SET = "stories-2023.jsonl"


def load(*, with_pairs: bool = True, stories_file: str = "stories.jsonl") -> tuple[list[GoldArticle], list[GoldPair]]:
    """Every article named by ``stories_file`` (and, with ``with_pairs``, by duplicates.jsonl), and the pairs."""
    rows = _jsonl(GOLD / stories_file)
    stories = {_ref(row): str(row["story"]) for row in rows}
    urls = {_ref(row): str(row["url"]) for row in rows}
    pairs: list[GoldPair] = []
    if with_pairs:
        for row in _jsonl(GOLD / "duplicates.jsonl"):
            a, b = _ref(row["a"]), _ref(row["b"])
            pairs.append(GoldPair(a, b, bool(row["duplicate"]), str(row["note"]), row.get("kind")))
            urls.setdefault(a, str(row["a"]["url"]))
            urls.setdefault(b, str(row["b"]["url"]))
    cache: dict[tuple[str, str], list[dict[str, str]]] = {}
    out: list[GoldArticle] = []
    for ref in sorted(urls):
        source, file, row = ref
        if (source, file) not in cache:
            cache[(source, file)] = read_csv(source, file)
        out.append(GoldArticle(ref, urls[ref], stories.get(ref), to_article(source, cache[(source, file)][row])))
    return out, pairs


def split_half(story: str) -> str:
    """``"tune"`` or ``"held-out"`` for a story slug: a fixed hash split by story, so nothing is chosen by hand."""
    return "tune" if hashlib.sha256(story.encode()).digest()[0] % 2 == 0 else "held-out"
