"""Writes what the registry noted into the customer history (on the database thread)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from signaling import protocol as p
from signaling.registry_types import HistoryEvent
from signaling.store import history, owners
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


def record(
    database: Database, message: p.Note | p.WrapUp | p.Rate, username: str | None, ts: float
) -> None:
    """Store a note, a wrap-up or a rating on its session."""
    with database.session() as session:
        if isinstance(message, p.Note):
            history.save_note(
                session, message.session_id, message.note_id, username or "", message.text, ts
            )
        elif isinstance(message, p.WrapUp) and message.skipped:
            history.skip_wrap_up(session, message.session_id, ts)
        elif isinstance(message, p.WrapUp):
            assert message.outcome is not None  # p.check: only a skipped one has none
            history.wrap_up(
                session,
                message.session_id,
                message.category,
                message.outcome.value,
                [t.strip() for t in message.tags],
                message.final_note,
                ts,
            )
        else:
            history.rate(session, message.session_id, message.rating, message.comment, ts)


def identify(database: Database, event: HistoryEvent) -> history.CustomerMatch:
    detail = event.detail
    with database.session() as session:
        return history.identify_customer(
            session,
            event.session_id,
            detail["customer_name"],
            detail.get("email", ""),
            detail.get("customer_number", ""),
            event.ts,
        )


def confirm(database: Database, session_id: str, username: str, ts: float) -> None:
    with database.session() as session:
        history.confirm_identity(session, session_id, username, ts)


def agent_of(database: Database, session_id: str) -> tuple[str, datetime | None] | None:
    with database.session() as session:
        return history.agent_of(session, session_id)


def write_events(database: Database, events: list[HistoryEvent], owner_id: str) -> None:
    """One transaction per event: a failed one does not take the others with it. A new
    session is marked as run by ``owner_id`` (this server) as it is stored."""
    for event in events:
        with database.session() as session:
            _write(session, event, owner_id)


def _write(session: Session, event: HistoryEvent, owner_id: str) -> None:
    detail = event.detail
    if event.kind == "created":
        history.session_created(
            session,
            event.session_id,
            detail["agent_username"],
            detail["agent_display_name"],
            event.ts,
        )
        owners.own(session, event.session_id, owner_id)
    elif event.kind == "admitted":
        history.customer_admitted(
            session,
            event.session_id,
            detail["customer_name"],
            event.ts,
            detail.get("resume_hash", ""),
        )
    elif event.kind == "ended":
        history.session_ended(session, event.session_id, detail["reason"], event.ts)
    else:
        history.add_event(session, event.session_id, event.kind, event.ts, **detail)


def messages_after(database: Database, session_id: str, seq: int) -> list[history.StoredMessage]:
    with database.session() as session:
        return history.messages_after(session, session_id, seq)
