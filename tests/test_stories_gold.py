"""Format checks for the hand-annotated story / near-duplicate gold set (tests/data/stories-gold/).

The gold files hold only identifiers (source folder, file, row, URL) and labels; the texts stay in
../shared. When ../shared is present, every (file, row) is re-read and its URL compared.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SHARED

GOLD = ROOT / "tests" / "data" / "stories-gold"
SOURCES = {"gikirima-2025-06", "wiraindrak-2023-02"}
REF_KEYS = {"source", "file", "row", "url"}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


# The first set (June 2025, tuned on) and the second (February 2023, annotated before warta ran on it).
STORY_FILES = ("stories.jsonl", "stories-2023.jsonl")


def _stories(name: str = "stories.jsonl") -> list[dict[str, Any]]:
    return _read_jsonl(GOLD / name)


def _pairs() -> list[dict[str, Any]]:
    return _read_jsonl(GOLD / "duplicates.jsonl")


def _check_ref(ref: dict[str, Any]) -> None:
    assert set(ref) >= REF_KEYS, ref
    assert ref["source"] in SOURCES, ref
    assert isinstance(ref["file"], str) and ref["file"].endswith(".csv"), ref
    assert isinstance(ref["row"], int) and not isinstance(ref["row"], bool) and ref["row"] >= 0, ref
    assert isinstance(ref["url"], str) and ref["url"].startswith("http"), ref


def _key(ref: dict[str, Any]) -> tuple[str, str, int]:
    return (ref["source"], ref["file"], ref["row"])


@pytest.mark.parametrize("name", STORY_FILES)
def test_stories_format(name: str) -> None:
    rows = _stories(name)
    assert len(rows) >= 150
    for row in rows:
        assert set(row) == REF_KEYS | {"story"}, row
        _check_ref(row)
        assert isinstance(row["story"], str) and row["story"], row
    keys = [_key(r) for r in rows]
    assert len(keys) == len(set(keys)), "a (source, file, row) is listed twice"
    urls = [r["url"] for r in rows]
    assert len(urls) == len(set(urls)), "a URL is listed twice"


@pytest.mark.parametrize(("name", "largest"), [("stories.jsonl", 15), ("stories-2023.jsonl", 20)])
def test_stories_shape(name: str, largest: int) -> None:
    sizes: dict[str, int] = {}
    for row in _stories(name):
        sizes[row["story"]] = sizes.get(row["story"], 0) + 1
    multi = [n for n in sizes.values() if n >= 2]
    singletons = [n for n in sizes.values() if n == 1]
    assert len(multi) >= 30
    assert len(singletons) >= 20
    assert max(sizes.values()) <= largest


def test_the_two_story_sets_do_not_share_a_story_or_an_article() -> None:
    first, second = _stories("stories.jsonl"), _stories("stories-2023.jsonl")
    assert not {r["story"] for r in first} & {r["story"] for r in second}
    assert not {r["url"] for r in first} & {r["url"] for r in second}


def test_duplicates_format() -> None:
    pairs = _pairs()
    for pair in pairs:
        assert {"a", "b", "duplicate", "note"} <= set(pair), pair
        _check_ref(pair["a"])
        _check_ref(pair["b"])
        assert _key(pair["a"]) != _key(pair["b"]), pair
        assert isinstance(pair["duplicate"], bool), pair
        assert isinstance(pair["note"], str) and pair["note"], pair
        # Every duplicate says what kind it is; a hard negative has no kind.
        assert pair.get("kind") in (("copy", "press-release", "updated") if pair["duplicate"] else (None,)), pair
    keys = [frozenset((_key(p["a"]), _key(p["b"]))) for p in pairs]
    assert len(keys) == len(set(keys)), "a pair is listed twice"
    assert sum(p["duplicate"] for p in pairs) >= 40
    assert sum(not p["duplicate"] for p in pairs) >= 40


def _shared_urls(source: str, file: str) -> list[str]:
    path = SHARED / "corpora" / "text-id" / source / file
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        urls: list[str] = []
        for record in reader:
            clean = {k.lstrip("\ufeff"): v for k, v in record.items() if k is not None}
            urls.append(clean["url"] if "url" in clean else clean["URL"])
    return urls


def test_rows_match_shared_urls() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared corpora not available")
    refs = [row for name in STORY_FILES for row in _stories(name)]
    for pair in _pairs():
        refs.extend([pair["a"], pair["b"]])
    cache: dict[tuple[str, str], list[str]] = {}
    for ref in refs:
        where = (ref["source"], ref["file"])
        if where not in cache:
            cache[where] = _shared_urls(*where)
        urls = cache[where]
        assert ref["row"] < len(urls), ref
        assert urls[ref["row"]] == ref["url"], ref
