"""Kill ``warta ingest`` with SIGKILL at random moments, resume it, and check the store each time.

    .venv/bin/python benchmarks/ingest_kill.py [--rounds 20] [--seed 5] [--workers 1]

Each round copies the bundled pages (samples/pages and tests/golden/pages) to a fresh folder,
starts ``python -m warta ingest`` on it, kills the whole process group after a random delay,
runs the same ingest again to completion, and checks that every input page is stored exactly
once (by content hash), that every stored page has its article, that the FTS index holds one
row per article and that SQLite's and FTS5's integrity checks pass. It writes nothing but a
temporary folder and prints one line a round; tests/ingest/test_kill.py runs a few rounds.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_DIRS = (ROOT / "samples" / "pages", ROOT / "tests" / "golden" / "pages")


@dataclass(frozen=True, slots=True)
class Round:
    delay: float
    stored_at_kill: int
    stored: int
    expected: int
    ok: bool
    detail: str


def copy_pages(target: Path, limit: int | None = None) -> set[str]:
    """Copy the bundled pages to ``target``; return the content hashes ingest must store."""
    target.mkdir(parents=True, exist_ok=True)
    files = sorted(p for d in PAGE_DIRS for p in d.iterdir() if p.is_file())[:limit]
    hashes = set()
    for path in files:
        shutil.copy(path, target / path.name)
        data = path.read_bytes()
        hashes.add(hashlib.sha256(gzip.decompress(data) if path.suffix == ".gz" else data).hexdigest())
    return hashes


def _ingest(pages: Path, db: Path, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "warta", "ingest", str(pages), "--db", str(db), "--quiet"]
    return subprocess.Popen(
        [*command, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes the workers with it
    )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM raw_pages").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # killed before the schema was committed


def check(db: Path, expected: set[str]) -> str:
    """'' when the store holds every expected page once and the index is in step, else what is wrong."""
    conn = sqlite3.connect(db)
    try:
        hashes = [r[0] for r in conn.execute("SELECT sha256 FROM raw_pages")]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM raw_pages r WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.raw_page_id = r.id)"
        ).fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    except sqlite3.Error as exc:
        return f"check failed: {exc}"
    finally:
        conn.close()
    problems = []
    if len(hashes) != len(set(hashes)) or set(hashes) != expected:
        problems.append(f"{len(hashes)} pages stored, {len(set(hashes) & expected)}/{len(expected)} expected")
    if articles != len(hashes) or orphans:
        problems.append(f"{articles} articles for {len(hashes)} pages ({orphans} without article)")
    if fts != articles:
        problems.append(f"FTS has {fts} rows for {articles} articles")
    if integrity != "ok":
        problems.append(f"integrity: {integrity}")
    return "; ".join(problems)


def kill_and_resume(
    work: Path,
    rng: random.Random,
    *,
    workers: int = 1,
    limit: int | None = None,
    delays: tuple[float, float] = (0.8, 4.0),
) -> Round:
    """One round: ingest, SIGKILL after a random delay, ingest again, check."""
    shutil.rmtree(work, ignore_errors=True)
    expected = copy_pages(work / "pages", limit)
    db = work / "w.db"
    delay = rng.uniform(*delays)
    process = _ingest(work / "pages", db, workers)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    at_kill = _count(db)
    resumed = _ingest(work / "pages", db, workers)
    _, err = resumed.communicate(timeout=300)
    if resumed.returncode != 0:
        return Round(delay, at_kill, _count(db), len(expected), False, f"resume failed: {err.decode()[-500:]}")
    detail = check(db, expected)
    return Round(delay, at_kill, _count(db), len(expected), not detail, detail)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="warta-kill-") as tmp:
        for number in range(1, args.rounds + 1):
            result = kill_and_resume(Path(tmp) / "round", rng, workers=args.workers)
            failures += not result.ok
            status = "ok" if result.ok else f"FAILED: {result.detail}"
            print(
                f"round {number:2d}: killed after {result.delay:.2f} s with {result.stored_at_kill:2d} pages "
                f"stored; after resume {result.stored}/{result.expected}: {status}",
                flush=True,
            )
    print(
        f"{args.rounds - failures}/{args.rounds} rounds consistent and complete ({time.perf_counter() - started:.0f} s)"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
