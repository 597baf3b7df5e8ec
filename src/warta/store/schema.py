"""Opening a store file: the connection settings and the numbered migrations.

Migrations are the files ``migrations/NNNN_name.sql``, applied in order, each in one
transaction together with ``PRAGMA user_version = NNNN``; ``user_version`` is therefore the
number of the last migration applied. A store whose version is newer than the newest file
here was written by a newer warta and is refused rather than guessed at.

Connection settings, and why:

- ``journal_mode=WAL``: readers (``warta search``) never block the one writer, and a killed
  writer leaves the database as of its last commit.
- ``synchronous=NORMAL``: with WAL this survives a killed process (SIGKILL) with every committed
  transaction; only a power cut can lose the last few commits, never consistency.
- ``foreign_keys=ON``: SQLite leaves them off by default.
- ``busy_timeout``: a second writer (two ``warta ingest`` on one store) waits its turn instead
  of failing at once; past the timeout it gets a clear :class:`~warta.errors.StoreError`.

:func:`connect_immutable` opens a store that nothing writes while it is open (a snapshot, a file
on read-only media, a benchmark's store) as SQLite's ``immutable`` URI: no locks, no ``-wal`` or
``-shm`` file created beside it, every write refused. It migrates nothing, so the store must be
at this warta's schema version.
"""

from __future__ import annotations

import re
import sqlite3
import time
from importlib import resources
from pathlib import Path

from warta.errors import StoreError

__all__ = ["BUSY_TIMEOUT_MS", "connect", "connect_immutable", "latest_version", "migrate", "migrations", "statements"]

#: How long a writer waits for another writer's transaction to end: one article's transaction
#: takes milliseconds, so 30 s means the other process is stuck or holding a long transaction.
BUSY_TIMEOUT_MS = 30_000

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """The migration files as ``(number, name, sql)``, in order."""
    found = []
    for entry in resources.files("warta.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StoreError(f"store migrations are not numbered 1..n without gaps: {numbers}")
    return found


def latest_version() -> int:
    return len(migrations())


def connect(path: str | Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store at ``path``.

    The connection is in autocommit mode: the repository opens its own transactions
    (``BEGIN IMMEDIATE``) so that each article is written in exactly one.
    """
    name = str(path)
    try:
        conn = sqlite3.connect(name, isolation_level=None, timeout=busy_timeout_ms / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{name}: cannot open the store ({exc}); check the path and permissions") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        mode = _wal(conn, busy_timeout_ms)
        if str(mode).lower() != "wal" and name != ":memory:":
            raise StoreError(f"{name}: the store cannot use write-ahead logging (journal mode {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, name)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(
            f"{name}: not a warta store ({exc}); pass --db with a new file name or an existing warta store"
        ) from exc
    except StoreError:
        conn.close()
        raise
    return conn


def connect_immutable(path: str | Path) -> sqlite3.Connection:
    """Open the store at ``path`` read-only and immutable (see the module docstring)."""
    name = str(path)
    if not Path(name).is_file():
        raise StoreError(f"{name}: no store there; fill one with warta ingest PATH --db {name}")
    uri = Path(name).resolve().as_uri() + "?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{name}: not a warta store ({exc})") from exc
    if version != latest_version():
        conn.close()
        raise StoreError(
            f"{name}: the store has schema version {version}, this warta reads {latest_version()} when it "
            "opens a store immutable (which migrates nothing); open it once with warta stats to migrate it"
        )
    return conn


def _wal(conn: sqlite3.Connection, busy_timeout_ms: int) -> str:
    """Switch to write-ahead logging. Two processes creating one new store at once can see
    "database is locked" here, where SQLite does not apply the busy timeout: retry until it."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(conn: sqlite3.Connection, name: str = "store") -> int:
    """Apply the migrations the store has not had yet; return the store's version."""
    found = migrations()
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(found):
        raise StoreError(
            f"{name}: the store has schema version {version} but this warta knows only up to "
            f"{len(found)}; upgrade warta to read it"
        )
    for number, migration, sql in found[version:]:
        try:
            # One migration, one transaction: applied whole or not at all. Another process
            # migrating at the same moment makes BEGIN IMMEDIATE wait, and the version read
            # inside the transaction then sees its work. (Statements are run one by one because
            # executescript would commit the open transaction first.)
            conn.execute("BEGIN IMMEDIATE")
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) < number:
                for statement in statements(sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(
                f"{name}: migration {migration} failed ({exc}); the store is left at version {number - 1}"
            ) from exc
        version = number
    return version


def statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (trigger bodies hold semicolons)."""
    out: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StoreError(f"a store migration ends in an incomplete statement: {buffer.strip()[:80]!r}")
    return out
