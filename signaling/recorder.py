"""Writes what the registry noted into the customer history (on the database thread)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from signaling import protocol as p
from signaling.registry import HistoryEvent
from signaling.store import history
from signaling.store.db import Database


def store_chat(database: Database, message: p.ChatMessage) -> history.StoredMessage:
    """Store one chat message (a resend returns the stored one with its number)."""
    record = history.StoredMessage(
        message.session_id,
        message.seq,
        message.msg_id,
        message.sender.value,
        message.sender_name,
        message.text,
        message.ts,
    )
    with database.session() as session:
        return history.store_message(session, record)


def save_note(database: Database, note: p.Note, username: str, ts: float) -> None:
    with database.session() as session:
        history.save_note(session, note.session_id, note.note_id, username, note.text, ts)


def write_events(database: Database, events: list[HistoryEvent]) -> None:
    """One transaction per event: a failed one does not take the others with it."""
    for event in events:
        with database.session() as session:
            _write(session, event)


def _write(session: Session, event: HistoryEvent) -> None:
    detail = event.detail
    if event.kind == "created":
        history.session_created(
            session,
            event.session_id,
            detail["agent_username"],
            detail["agent_display_name"],
            event.ts,
        )
    elif event.kind == "admitted":
        history.customer_admitted(session, event.session_id, detail["customer_name"], event.ts)
    elif event.kind == "ended":
        history.session_ended(session, event.session_id, detail["reason"], event.ts)
    else:
        history.add_event(session, event.session_id, event.kind, event.ts, **detail)
