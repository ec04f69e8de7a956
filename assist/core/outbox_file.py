"""Opening the outbox's SQLite file: durability settings, schema version, and recovery from
a corrupt or unreadable file (moved aside, never deleted, and a fresh one started)."""

from __future__ import annotations

import enum
import logging
import sqlite3
import time
from pathlib import Path
from typing import Final

from signaling.codes import CodedError

logger = logging.getLogger(__name__)

SCHEMA_VERSION: Final = 2
_MAGIC: Final = b"SQLite format 3\x00"

#: What each schema version adds, applied in order to bring an older file up to date.
_MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    1: (
        """CREATE TABLE chat (
            id INTEGER PRIMARY KEY,
            server TEXT NOT NULL,
            session_id TEXT NOT NULL,
            msg_id TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (server, session_id, msg_id)
        )""",
        """CREATE TABLE note (
            id INTEGER PRIMARY KEY,
            server TEXT NOT NULL,
            session_id TEXT NOT NULL,
            note_id TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at REAL NOT NULL,
            UNIQUE (server, session_id, note_id)
        )""",
    ),
    # One wrap-up (or skip) per session; tags as a JSON array, outcome NULL when skipped.
    2: (
        """CREATE TABLE wrap_up (
            id INTEGER PRIMARY KEY,
            server TEXT NOT NULL,
            session_id TEXT NOT NULL,
            category TEXT NOT NULL,
            outcome TEXT,
            tags TEXT NOT NULL,
            final_note TEXT NOT NULL,
            skipped INTEGER NOT NULL,
            updated_at REAL NOT NULL,
            UNIQUE (server, session_id)
        )""",
    ),
}

# Errors that say the file itself is unusable. Others (busy: another copy of the app has it
# open; full disk; out of memory) say nothing about the file, which is then left alone.
_UNUSABLE_FILE: Final = frozenset(
    {
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_READONLY,
    }
)


class OutboxErrorCode(enum.StrEnum):
    TOO_NEW = "outbox_too_new"  # written by a newer version of the app; left untouched
    TOO_LARGE = "too_large"  # the text is over the protocol's limit
    TOO_MANY = "too_many_pending"  # too many unacknowledged items in one session
    BAD_ID = "bad_id"  # a msg_id or note_id the server would refuse
    STORAGE_FAILED = "outbox_storage_failed"  # full disk, I/O error: nothing was stored


class OutboxError(CodedError[OutboxErrorCode]):
    """The outbox file cannot be used; ``code`` says why."""


class _Unusable(Exception):
    """The file opened but failed its integrity check."""


def open_outbox(path: Path | None) -> sqlite3.Connection:
    """A connection in autocommit mode (callers run ``BEGIN IMMEDIATE`` themselves) to the
    outbox at ``path``, or in memory for ``None``. Raises ``OutboxError(TOO_NEW)`` for a file
    from a newer app version; ``sqlite3.Error``/``OSError`` when no file can be used."""
    if path is None:
        return _connect(":memory:")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Checked before SQLite opens it: SQLite would delete the WAL next to a file it cannot
    # read, and that WAL may hold the latest text.
    problem = "not an SQLite file" if _foreign(path) else ""
    if not problem:
        try:
            return _connect(str(path))
        except sqlite3.Error as exc:
            if (exc.sqlite_errorcode & 0xFF) not in _UNUSABLE_FILE:
                raise
            problem = str(exc)
        except _Unusable as exc:
            problem = str(exc)
    aside = _move_aside(path)
    logger.warning("Outbox %s is unusable (%s); moved to %s, starting afresh", path, problem, aside)
    return _connect(str(path))


def _foreign(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(len(_MAGIC))
    except OSError:
        return False  # missing (a new outbox), or SQLite will say what is wrong
    return head not in (b"", _MAGIC)


def _connect(target: str) -> sqlite3.Connection:
    # The core calls from its event-loop thread; the Outbox serialises access with a lock.
    db = sqlite3.connect(target, timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        _prepare(db)
    except BaseException:
        db.close()
        raise
    return db


def _prepare(db: sqlite3.Connection) -> None:
    # Reading the version first is also what fails on a file that is not a database.
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise OutboxError(
            OutboxErrorCode.TOO_NEW, f"schema {version}, this app knows {SCHEMA_VERSION}"
        )
    check: str = db.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise _Unusable(check)
    mode: str = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode not in ("wal", "memory"):
        logger.warning("Outbox journal mode is %s, not WAL", mode)
    # FULL, not NORMAL: in WAL mode NORMAL leaves a commit in the OS cache until the next
    # checkpoint, which survives the app being killed but not a power cut or a kernel
    # crash. FULL syncs the WAL on every commit, so once add_chat/put_note returns the text
    # survives both. The cost is one fsync per write, and writes happen once per message
    # sent or typing pause, not in a loop.
    db.execute("PRAGMA synchronous = FULL")
    if version < SCHEMA_VERSION:
        _migrate(db, version)


def _migrate(db: sqlite3.Connection, version: int) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[step]:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _move_aside(path: Path) -> Path:
    """Rename the file (and its WAL, so the copy stays readable) out of the way."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        aside, n = path.with_name(f"{path.name}.corrupt-{stamp}-{n}"), n + 1
    # WAL and shared memory first: a fresh file must never meet the old file's WAL.
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    path.rename(aside)
    return aside
