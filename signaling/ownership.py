"""A server's hold on its database and on the sessions it runs.

* **SQLite** is for one server: it takes an exclusive lock on ``<database>.lock`` beside the
  file for as long as it runs, and a second server on the same file stops at start with
  ``database_in_use``. The kernel drops the lock however the process ends, so a crashed
  server never blocks the next start. Admin commands do not take it.
* **Every backend**: the server writes an owner row (a random id per process start) and marks
  the sessions it creates with it. At start it restores or closes only the open sessions of
  servers that are gone (see :mod:`signaling.store.owners`); sessions of a live server are
  left alone. On PostgreSQL, where several servers may share one database, it refreshes its
  heartbeat every ``HEARTBEAT_INTERVAL`` and is taken for gone once its heartbeat is older
  than the bound it declared, ``OWNER_TIMEOUT`` (``--owner-timeout``); at once if it
  stopped cleanly (its row is deleted) or if its process, on the same machine, is no longer
  running.

Blocking: the server calls these on a thread of its own.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import Final

from signaling.store import history, owners
from signaling.store.db import Database, StoreError

logger = logging.getLogger(__name__)

#: A server whose heartbeat is older than this many seconds is taken for gone: three missed
#: heartbeats, room for a slow database without taking a live server for gone.
OWNER_TIMEOUT: Final = 30.0
#: How often a server refreshes its heartbeat (a third of the bound when that is shorter).
HEARTBEAT_INTERVAL: Final = 10.0


class DatabaseInUse(StoreError):
    """Another running server holds the SQLite database (``pid`` 0: not known)."""

    def __init__(self, database_file: Path, pid: int) -> None:
        shown = str(pid) if pid else "unknown"
        super().__init__(
            "database_in_use",
            f"Another Assist server is already using {database_file} (pid {shown}). "
            "Stop it first, or give this one its own --db.",
        )
        self.database_file = database_file
        self.pid = pid


class DatabaseLock:
    """An exclusive ``flock`` on ``<database>.lock``, taken without waiting; the file keeps
    the holder's pid for the message a second server shows. The file itself stays: removing
    it would let a later server lock a new file while another still holds the old one."""

    def __init__(self, database_file: Path) -> None:
        self.path = database_file.with_name(database_file.name + ".lock")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError("database_unavailable", f"{self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _pid_in(fd)
            os.close(fd)
            raise DatabaseInUse(database_file, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the only descriptor drops the lock
            self._fd = None


def _pid_in(fd: int) -> int:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0)
    except (OSError, ValueError):
        return 0


class Ownership:
    """This server's lock (SQLite), owner row and heartbeat."""

    def __init__(self, database: Database, timeout: float = OWNER_TIMEOUT) -> None:
        self.database = database
        self.timeout = timeout
        self.owner = owners.Owner()
        #: SQLite: the lock file (or a private in-memory database) makes this server the
        #: only one, so every other owner in the store is gone.
        self.exclusive = database.engine.dialect.name == "sqlite"
        self._lock: DatabaseLock | None = None
        self._registered = False

    @property
    def owner_id(self) -> str:
        return self.owner.owner_id

    @property
    def heartbeat_interval(self) -> float:
        return min(HEARTBEAT_INTERVAL, self.timeout / 3)

    def hold(self) -> None:
        """Take the lock (SQLite) and write the owner row; raises ``DatabaseInUse``."""
        database_file = self.database.sqlite_file
        if database_file is not None:
            self._lock = DatabaseLock(database_file)
        with self.database.session() as session:
            owners.register(session, self.owner, self.timeout)
        self._registered = True

    def beat(self) -> None:
        with self.database.session() as session:
            if owners.beat(session, self.owner_id):
                return
            owners.register(session, self.owner, self.timeout)
        logger.error(
            "This server's heartbeat was over %.0f s late: another server may have "
            "restored the sessions it runs",
            self.timeout,
        )

    def adopt(self, idle_timeout: float, now: float) -> tuple[list[history.OpenSession], int]:
        """Take over what servers that are gone left open: the admitted sessions active
        within ``idle_timeout`` are returned, to wait for both sides to resume; the others
        are closed as ``server_shutdown``. Returns them and how many were closed."""
        with self.database.session() as session:
            claimed = owners.claim(session, self.owner_id, self.exclusive)
            if not claimed:
                return [], 0
            found = history.open_sessions(session, among=claimed)
            alive = [s for s in found if now - s.last_activity < idle_timeout]
            keep = {s.session_id for s in alive}
            closed = [sid for sid in claimed if sid not in keep]
            for session_id in closed:
                history.session_ended(session, session_id, "server_shutdown", now)
        return alive, len(closed)

    def release(self) -> None:
        """The server stops: its sessions may be restored at once by the next one."""
        try:
            if self._registered:
                with self.database.session() as session:
                    owners.retire(session, self.owner_id)
                self._registered = False
        except Exception as exc:  # the process is going: its heartbeat will go stale
            logger.error("Cannot mark this server stopped: %s", type(exc).__name__)
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
