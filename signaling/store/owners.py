"""Which server runs which live session: one row per running server (its heartbeat) and the
owner's id on each session it created or took over (blocking repository API).

A server never restores or closes a session whose owner is alive. An owner counts as gone
when it has no row (it shut down cleanly, or the session is older than ownership), when its
heartbeat is older than the bound it declared in its row (``stale_after``), or when it ran
on this machine and its process is no longer running. Times are the database's own clock,
so servers on hosts whose clocks differ still agree on what is stale.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    column,
    delete,
    func,
    insert,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

# Declared with SQLAlchemy Core: only this module reads or writes ownership (migration 0007).
_metadata = MetaData()
server_owners = Table(
    "server_owners",
    _metadata,
    Column("owner_id", String(32), primary_key=True),
    Column("hostname", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("process", String(200), nullable=False),
    Column("stale_after", Float, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=True),
)
_sessions = table(
    "sessions",
    column("id", String(64)),
    column("owner_id", String(32)),
    column("ended_at", DateTime(timezone=True)),
)


@dataclass(frozen=True)
class Owner:
    """One running server: a random id per process start, and where it runs."""

    owner_id: str = field(default_factory=lambda: secrets.token_hex(16))
    hostname: str = field(default_factory=socket.gethostname)
    pid: int = field(default_factory=os.getpid)
    process: str = field(default_factory=lambda: process_key())


def register(session: Session, owner: Owner, stale_after: float) -> None:
    """The server is running: its row, with a fresh heartbeat. Others take it for gone once
    its heartbeat is older than ``stale_after`` seconds."""
    session.execute(
        insert(server_owners).values(
            owner_id=owner.owner_id,
            hostname=owner.hostname[:255],
            pid=owner.pid,
            process=owner.process,
            stale_after=stale_after,
            started_at=func.now(),
            heartbeat_at=func.now(),
        )
    )


def beat(session: Session, owner_id: str) -> bool:
    """Refresh the heartbeat; False if the row is gone (another server took this one for
    gone and may have taken its sessions)."""
    result = session.execute(
        update(server_owners)
        .where(server_owners.c.owner_id == owner_id)
        .values(heartbeat_at=func.now())
    )
    return _changed(result) > 0


def retire(session: Session, owner_id: str) -> None:
    """The server stops: its sessions are anyone's to restore at once."""
    session.execute(delete(server_owners).where(server_owners.c.owner_id == owner_id))


def own(session: Session, session_id: str, owner_id: str) -> None:
    """Mark a session as run by ``owner_id`` (in the transaction that creates it)."""
    session.execute(update(_sessions).where(_sessions.c.id == session_id).values(owner_id=owner_id))


def claim(session: Session, owner_id: str, exclusive: bool) -> list[str]:
    """Take over the open sessions of servers that are gone; returns their ids.

    ``exclusive``: the caller holds the database alone (SQLite's lock file), so every other
    owner is gone.
    """
    # The sessions first, the owners after: a server writes its row before its sessions,
    # so the owner of any session seen here is seen below (each statement reads what was
    # committed when it began), and "no row" never means "not committed yet".
    candidates = session.execute(
        select(_sessions.c.id, _sessions.c.owner_id).where(
            _sessions.c.ended_at.is_(None),
            or_(_sessions.c.owner_id.is_(None), _sessions.c.owner_id != owner_id),
        )
    ).all()
    rows = session.execute(
        select(
            server_owners.c.owner_id,
            server_owners.c.process,
            server_owners.c.heartbeat_at,
            server_owners.c.stale_after,
            func.now(),
        )
    ).all()
    alive: set[str] = {owner_id}
    gone: list[str] = []
    for other, process, heartbeat, stale_after, now in rows:
        if other == owner_id:
            continue
        if exclusive or _stale(heartbeat, now, stale_after) or process_gone(process):
            gone.append(other)
        else:
            alive.add(other)
    claimed = []
    for session_id, previous in candidates:
        if previous in alive:
            continue
        # Only if still theirs: of two servers starting together, one takes each session.
        result = session.execute(
            update(_sessions)
            .where(
                _sessions.c.id == session_id,
                _sessions.c.ended_at.is_(None),
                _sessions.c.owner_id.is_not_distinct_from(previous),
            )
            .values(owner_id=owner_id)
        )
        if _changed(result):
            claimed.append(session_id)
    _forget(session, gone)
    if gone:
        logger.info("Taken over from %d server(s) gone: %d session(s)", len(gone), len(claimed))
    return claimed


def _changed(result: Result[Any]) -> int:
    return int(cast(CursorResult[Any], result).rowcount or 0)


def _stale(heartbeat: datetime | None, now: datetime, timeout: float) -> bool:
    return heartbeat is None or now - heartbeat > timedelta(seconds=timeout)


def _forget(session: Session, owner_ids: Iterable[str]) -> None:
    ids = list(owner_ids)
    if ids:
        session.execute(delete(server_owners).where(server_owners.c.owner_id.in_(ids)))


# ------------------------------------------------------------------ this machine's processes


def process_key() -> str:
    """This process as its machine knows it: kernel boot, pid namespace, user, pid and start
    time ("" where /proc cannot tell). From the same machine it later tells for certain
    whether the process still runs (see :func:`process_gone`)."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.readlink("/proc/self/ns/pid")
        pid = os.getpid()
        started = _stat(pid)[19]
    except (OSError, IndexError):
        return ""
    return f"{boot} {namespace} {os.getuid()} {pid} {started}"


def process_gone(key: str) -> bool:
    """True only if ``key`` names a process of this user on this machine (same boot and pid
    namespace, so its /proc entry is visible here) that no longer runs. Anything else,
    another machine or container above all, is not known to be gone: its heartbeat decides."""
    theirs, mine = key.split(" "), process_key().split(" ")
    if len(theirs) != 5 or len(mine) != 5 or theirs[:3] != mine[:3]:
        return False
    try:
        stat = _stat(int(theirs[3]))
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False
    # A different start time: the pid was reused. Z/X: exited, not yet reaped.
    return stat[19] != theirs[4] or stat[0] in ("Z", "X")


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (state first, start time 20th)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text.rsplit(")", 1)[1].split()
