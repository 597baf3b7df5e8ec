"""Golden tests: every bundled real page, extracted whole and compared with its reviewed JSON.

Regenerate after an intended change with ``WARTA_REGEN_GOLDEN=1 make pytest`` and review the
diff of tests/golden/expected/ before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warta import extract_path

from conftest import GOLDEN, page_files, page_url

REGEN = os.environ.get("WARTA_REGEN_GOLDEN") == "1"


def _expected_path(page: Path) -> Path:
    return GOLDEN / "expected" / (page.name.split(".")[0] + ".json")


@pytest.mark.parametrize("page", page_files(), ids=lambda p: p.name)
def test_page_matches_golden(page: Path) -> None:
    article = extract_path(page, url=page_url(page))
    got = article.to_dict()
    expected_file = _expected_path(page)
    if REGEN:
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert expected_file.exists(), f"no golden file for {page.name}: run with WARTA_REGEN_GOLDEN=1"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    for field in expected:
        assert got[field] == expected[field], f"{page.name}: field {field!r} changed"
