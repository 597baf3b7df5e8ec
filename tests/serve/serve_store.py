"""The store the serve tests read: the bundled sample pages, ingested once per test process."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from warta.ingest import ingest
from warta.store import open_store

from conftest import SAMPLES

PUTIN = "per:vladimir-putin"
SEED_DUMP = SAMPLES / "tribuntoraja-2024-putin-korea-utara.txt"


@cache
def sample_store() -> Path:
    """A store holding the samples (read-only for the tests: copy it before writing)."""
    folder = Path(tempfile.mkdtemp(prefix="warta-serve-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = folder / "samples.db"
    with open_store(db) as store:
        ingest(store, [str(SAMPLES)])
    return db


def article_id(title_start: str) -> int:
    """The id of the sample article whose title starts so."""
    with open_store(sample_store()) as store:
        for card in store.latest(limit=100):
            if (card.title or "").startswith(title_start):
                return card.id
    raise LookupError(title_start)
