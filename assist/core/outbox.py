"""The app's local outbox: what the user typed that the server has not acknowledged yet.

Kept in an SQLite file in the app's data directory, so a crash, a kill or a power cut loses
nothing: chat is resent after reconnecting under its original ``msg_id`` (the server answers
a resend with the original number), and the agent's note is restored into its panel and
saved again.

The agent's wrap-up of a session (or the choice to skip it) is kept the same way, one per
session, from Save until the server has stored it, and sent again on the next start.

Entries are scoped by ``server``, an opaque string the caller chooses: the server URL (session
ids are only unique per server). An app that signs in as several accounts may append the
account to it. There is no separate draft table: a note is saved whole and the latest text
wins, so the note's text that is not yet acknowledged *is* the draft to restore.

All methods are thread-safe and fast (one small transaction, one fsync); call them from the
client's event loop without an executor.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from assist.core.outbox_file import OutboxError, OutboxErrorCode, open_outbox
from assist.core.wrapup import WrapUpFields
from signaling.protocol import MAX_CHAT_CHARS, MAX_NOTE_CHARS, Outcome

__all__ = [
    "MAX_PENDING_PER_SESSION",
    "Outbox",
    "OutboxError",
    "OutboxErrorCode",
    "PendingChat",
    "PendingNote",
    "PendingWrapUp",
]

logger = logging.getLogger(__name__)

#: More unacknowledged items than this in one session means something is broken; refuse
#: rather than grow without bound.
MAX_PENDING_PER_SESSION: Final = 1000
#: The protocol's limit on client ids (``msg_id``, ``note_id``).
MAX_ID_CHARS: Final = 64


@dataclass(frozen=True)
class PendingChat:
    server: str
    session_id: str
    msg_id: str
    text: str
    created_at: float


@dataclass(frozen=True)
class PendingNote:
    """A note's latest text, not yet acknowledged: to resend, and to restore as the draft."""

    server: str
    session_id: str
    note_id: str
    text: str
    updated_at: float


@dataclass(frozen=True)
class PendingWrapUp:
    """A session's wrap-up (or skip) the server has not confirmed: send it again."""

    server: str
    session_id: str
    wrap_up: WrapUpFields
    updated_at: float


class Outbox:
    """Open (or create) the outbox at ``path``; ``None`` keeps it in memory only.

    A corrupt or unreadable file is moved aside and a fresh outbox started (the app must
    start either way); if not even that is possible, :attr:`durable` is False and entries
    live in memory only. A file from a newer app version raises ``OutboxError(TOO_NEW)``:
    tell the user, and carry on with ``Outbox(None)`` rather than touch that file.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.durable = path is not None
        try:
            self._db = open_outbox(path)
        except (sqlite3.Error, OSError):
            logger.exception("Outbox %s cannot be used; keeping unsent text in memory only", path)
            self._db, self.durable = open_outbox(None), False
        # One connection shared by threads: sqlite3 serialises calls on it, but a
        # transaction spans several calls, so they are serialised here.
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---------------------------------------------------------------- chat

    def add_chat(
        self, server: str, session_id: str, msg_id: str, text: str, created_at: float
    ) -> None:
        """Keep a chat message until :meth:`chat_acked`; call before sending it.
        Adding the same ``msg_id`` again (a resend) changes nothing."""
        _check(msg_id, text, MAX_CHAT_CHARS)
        with self._write() as db:
            db.execute(
                "INSERT INTO chat (server, session_id, msg_id, text, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (server, session_id, msg_id, text, created_at),
            )
            _check_room(db, "chat", server, session_id)

    def chat_acked(self, server: str, session_id: str, msg_id: str) -> bool:
        """The server numbered the message; returns whether it was still pending."""
        with self._write() as db:
            cursor = db.execute(
                "DELETE FROM chat WHERE server = ? AND session_id = ? AND msg_id = ?",
                (server, session_id, msg_id),
            )
        return cursor.rowcount > 0

    def pending_chat(self, server: str, session_id: str | None = None) -> list[PendingChat]:
        """Unacknowledged chat in the order it was added: resend in this order."""
        sql = "SELECT server, session_id, msg_id, text, created_at FROM chat WHERE server = ?"
        rows = self._select(sql, server, session_id, "id")
        return [PendingChat(*row) for row in rows]

    # ---------------------------------------------------------------- notes

    def put_note(
        self,
        server: str,
        session_id: str,
        note_id: str,
        text: str,
        updated_at: float | None = None,
    ) -> None:
        """Keep the note's latest text (replacing any earlier one) until it is acknowledged.
        Call on every typing pause, before sending it; this is what survives a crash."""
        _check(note_id, text, MAX_NOTE_CHARS)
        stamp = time.time() if updated_at is None else updated_at
        with self._write() as db:
            db.execute(
                "INSERT INTO note (server, session_id, note_id, text, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (server, session_id, note_id)"
                " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (server, session_id, note_id, text, stamp),
            )
            _check_room(db, "note", server, session_id)

    def note_acked(self, server: str, session_id: str, note_id: str, text: str) -> bool:
        """The server stored ``text`` (the text that was sent). Clears the note only if that
        is still its latest text: an edit made while the save was on its way stays pending.
        Returns whether the note was cleared."""
        with self._write() as db:
            cursor = db.execute(
                "DELETE FROM note WHERE server = ? AND session_id = ? AND note_id = ? AND text = ?",
                (server, session_id, note_id, text),
            )
        return cursor.rowcount > 0

    def pending_notes(self, server: str, session_id: str | None = None) -> list[PendingNote]:
        """Unacknowledged notes, least recently edited first: resend each, and after a crash
        reopen a notes panel (with the same ``note_id``) for each session listed."""
        sql = "SELECT server, session_id, note_id, text, updated_at FROM note WHERE server = ?"
        rows = self._select(sql, server, session_id, "updated_at, id")
        return [PendingNote(*row) for row in rows]

    def draft(self, server: str, session_id: str) -> PendingNote | None:
        """The session's note to put back into its panel, if one was never acknowledged."""
        notes = self.pending_notes(server, session_id)
        return notes[-1] if notes else None

    # ---------------------------------------------------------------- wrap-ups

    def put_wrap_up(
        self, server: str, session_id: str, wrap_up: WrapUpFields, updated_at: float | None = None
    ) -> None:
        """Keep the session's wrap-up (replacing any earlier one) until it is acknowledged;
        call before sending it."""
        stamp = time.time() if updated_at is None else updated_at
        outcome = wrap_up.outcome.value if wrap_up.outcome is not None else None
        with self._write() as db:
            db.execute(
                "INSERT INTO wrap_up (server, session_id, category, outcome, tags, final_note,"
                " skipped, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (server, session_id) DO UPDATE SET category = excluded.category,"
                " outcome = excluded.outcome, tags = excluded.tags,"
                " final_note = excluded.final_note, skipped = excluded.skipped,"
                " updated_at = excluded.updated_at",
                (
                    server,
                    session_id,
                    wrap_up.category,
                    outcome,
                    json.dumps(list(wrap_up.tags), ensure_ascii=False),
                    wrap_up.final_note,
                    int(wrap_up.skipped),
                    stamp,
                ),
            )

    def wrap_up_acked(self, server: str, session_id: str, wrap_up: WrapUpFields) -> bool:
        """The server stored ``wrap_up`` (what was sent). Clears it only if it is still the
        session's latest: one entered again while it was on its way stays pending."""
        where = "WHERE server = ? AND session_id = ?"
        with self._write() as db:
            row = db.execute(f"SELECT {_WRAP_UP_FIELDS} FROM wrap_up {where}", (server, session_id))
            kept = row.fetchone()
            if kept is None or _wrap_up(*kept) != wrap_up:
                return False
            db.execute(f"DELETE FROM wrap_up {where}", (server, session_id))
        return True

    def pending_wrap_ups(self, server: str, session_id: str | None = None) -> list[PendingWrapUp]:
        """Unacknowledged wrap-ups, oldest first: send each again."""
        sql = f"SELECT session_id, updated_at, {_WRAP_UP_FIELDS} FROM wrap_up WHERE server = ?"
        args: tuple[str, ...] = (server,)
        if session_id is not None:
            sql += " AND session_id = ?"
            args += (session_id,)
        with self._lock, _storage_errors():
            rows = self._db.execute(f"{sql} ORDER BY updated_at, id", args).fetchall()
        return [PendingWrapUp(server, sid, _wrap_up(*fields), at) for sid, at, *fields in rows]

    def discard_wrap_up(self, server: str, session_id: str) -> bool:
        """Drop the session's kept wrap-up (stored, or given up by the agent)."""
        with self._write() as db:
            cursor = db.execute(
                "DELETE FROM wrap_up WHERE server = ? AND session_id = ?", (server, session_id)
            )
        return cursor.rowcount > 0

    # ---------------------------------------------------------------- forgetting

    def purge_sessions(self, session_ids: Iterable[str], server: str | None = None) -> int:
        """Remove everything of these sessions (an administrator deleted the customer's
        data, or retention expired), on ``server`` or on every server. Returns rows removed."""
        ids = list(session_ids)
        removed = 0
        with self._write() as db:
            for table in ("chat", "note", "wrap_up"):
                for sid in ids:
                    if server is None:
                        args: tuple[str, ...] = (sid,)
                        where = "session_id = ?"
                    else:
                        args, where = (sid, server), "session_id = ? AND server = ?"
                    removed += db.execute(f"DELETE FROM {table} WHERE {where}", args).rowcount
        return removed

    def forget_chat(self, server: str, session_id: str) -> int:
        """The session ended: chat the server never numbered can no longer be delivered (the
        app shows it as not sent). Its notes stay, since they may be saved after the end."""
        with self._write() as db:
            removed = db.execute(
                "DELETE FROM chat WHERE server = ? AND session_id = ?", (server, session_id)
            ).rowcount
        if removed:
            logger.warning("Dropped %d undelivered message(s) of session %s", removed, session_id)
        return removed

    def discard_chat(self, server: str, session_id: str, msg_id: str) -> bool:
        """The user dropped a message that could not be delivered; returns whether it was here."""
        return self.chat_acked(server, session_id, msg_id)

    def discard_note(self, server: str, session_id: str, note_id: str) -> bool:
        """The user dropped a note the server would not take, whatever its latest text."""
        with self._write() as db:
            cursor = db.execute(
                "DELETE FROM note WHERE server = ? AND session_id = ? AND note_id = ?",
                (server, session_id, note_id),
            )
        return cursor.rowcount > 0

    def forget_session(self, server: str, session_id: str) -> int:
        """Drop what is left of a finished session (normally nothing: acks removed it all).
        Anything still here can no longer be delivered; it is logged, not kept forever."""
        removed = self.purge_sessions([session_id], server)
        if removed:
            logger.warning("Dropped %d undelivered item(s) of session %s", removed, session_id)
        return removed

    # ---------------------------------------------------------------- inside

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a storage failure (full disk, I/O error) becomes a named error."""
        with self._lock, _storage_errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _select(
        self, sql: str, server: str, session_id: str | None, order: str
    ) -> list[tuple[str, str, str, str, float]]:
        args: tuple[str, ...] = (server,)
        if session_id is not None:
            sql += " AND session_id = ?"
            args += (session_id,)
        with self._lock, _storage_errors():
            return self._db.execute(f"{sql} ORDER BY {order}", args).fetchall()


@contextmanager
def _storage_errors() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise OutboxError(OutboxErrorCode.STORAGE_FAILED, str(exc)) from exc


_WRAP_UP_FIELDS: Final = "category, outcome, tags, final_note, skipped"


def _wrap_up(
    category: str, outcome: str | None, tags: str, note: str, skipped: int
) -> WrapUpFields:
    """A kept wrap-up from its row's ``_WRAP_UP_FIELDS``."""
    chosen = Outcome(outcome) if outcome is not None else None
    return WrapUpFields(category, chosen, tuple(json.loads(tags)), note, bool(skipped))


def _check(client_id: str, text: str, limit: int) -> None:
    if not 1 <= len(client_id) <= MAX_ID_CHARS:
        raise OutboxError(OutboxErrorCode.BAD_ID, f"id must be 1-{MAX_ID_CHARS} characters")
    if len(text) > limit:
        raise OutboxError(OutboxErrorCode.TOO_LARGE, f"over {limit} characters")


def _check_room(db: sqlite3.Connection, table: str, server: str, session_id: str) -> None:
    """Run after adding a row, inside its transaction: raising rolls the row back."""
    sql = f"SELECT count(*) FROM {table} WHERE server = ? AND session_id = ?"
    count: int = db.execute(sql, (server, session_id)).fetchone()[0]
    if count > MAX_PENDING_PER_SESSION:
        raise OutboxError(OutboxErrorCode.TOO_MANY, f"{count - 1} pending in {session_id}")
