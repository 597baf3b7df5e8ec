"""Shared test helpers: where the real pages live, and ../shared when it is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "pages"
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared corpora not available")


def page_files() -> list[Path]:
    """Every real page bundled in the repo: the samples and the golden pages."""
    return sorted([*SAMPLES.iterdir(), *(GOLDEN / "pages").iterdir()], key=lambda p: p.name)


def page_url(path: Path) -> str | None:
    """The page's original URL, from tests/golden/urls.json (None for the text dump)."""
    urls: dict[str, str] = json.loads((GOLDEN / "urls.json").read_text(encoding="utf-8"))
    return urls.get(path.name)
