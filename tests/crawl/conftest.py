"""Fixtures of the crawl tests: a local server and a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.store import Store, open_store

from crawl_server import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "crawl.db") as opened:
        yield opened
