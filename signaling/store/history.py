"""The customer history: sessions, their transcript and events (blocking repository API).

The server calls these on its database thread. ``store_message`` is what makes chat durable:
the server runs it before it acknowledges or forwards a message.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from signaling.store.models import (
    Customer,
    MessageRecord,
    NoteRecord,
    SessionEvent,
    SessionRecord,
)


@dataclass(frozen=True)
class StoredMessage:
    session_id: str
    seq: int
    msg_id: str
    sender: str
    sender_name: str
    text: str
    ts: float


def _utc(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _stored(record: MessageRecord) -> StoredMessage:
    ts = record.ts if record.ts.tzinfo else record.ts.replace(tzinfo=UTC)
    return StoredMessage(
        record.session_id,
        record.seq,
        record.msg_id,
        record.sender,
        record.sender_name,
        record.text,
        ts.timestamp(),
    )


def session_created(
    session: Session, session_id: str, agent_username: str, agent_display_name: str, ts: float
) -> None:
    session.add(
        SessionRecord(
            id=session_id,
            agent_username=agent_username,
            agent_display_name=agent_display_name,
            created_at=_utc(ts),
            tags=[],
        )
    )
    session.flush()  # the row first: events and messages refer to it
    add_event(session, session_id, "created", ts)


def customer_admitted(
    session: Session, session_id: str, customer_name: str, ts: float, resume_hash: str = ""
) -> None:
    record = session.get(SessionRecord, session_id)
    if record is not None:
        record.customer_name = customer_name
        record.admitted_at = _utc(ts)
        record.resume_hash = resume_hash or None
    add_event(session, session_id, "admitted", ts, customer_name=customer_name)


def session_ended(session: Session, session_id: str, reason: str, ts: float) -> None:
    record = session.get(SessionRecord, session_id)
    if record is None:
        return  # erased by an administrator while it was live: nothing is left to note
    if record.ended_at is None:
        record.ended_at = _utc(ts)
        record.end_reason = reason
    add_event(session, session_id, "ended", ts, reason=reason)


def add_event(session: Session, session_id: str, kind: str, ts: float, **detail: Any) -> None:
    session.add(SessionEvent(session_id=session_id, ts=_utc(ts), kind=kind, detail=detail))


def store_message(session: Session, message: StoredMessage) -> StoredMessage:
    """Store a chat message once: a resend (same sender and msg_id) returns the stored one."""
    existing = session.scalar(
        select(MessageRecord).where(
            MessageRecord.session_id == message.session_id,
            MessageRecord.sender == message.sender,
            MessageRecord.msg_id == message.msg_id,
        )
    )
    if existing is not None:
        return _stored(existing)
    session.add(
        MessageRecord(
            session_id=message.session_id,
            seq=message.seq,
            msg_id=message.msg_id,
            sender=message.sender,
            sender_name=message.sender_name,
            text=message.text,
            ts=_utc(message.ts),
        )
    )
    record = session.get(SessionRecord, message.session_id)
    if record is not None and message.sender == "agent" and record.first_reply_at is None:
        record.first_reply_at = _utc(message.ts)
    return message


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: int
    display_name: str
    email: str | None
    customer_number: str | None
    past_sessions: int
    matched: bool  # an existing record matched what the customer typed


def identify_customer(
    session: Session,
    session_id: str,
    name: str,
    email: str,
    customer_number: str,
    ts: float,
) -> CustomerMatch:
    """Link the session to the customer record that matches what the customer typed
    (customer number exactly, else the normalised e-mail), or to a new record. The link is
    unverified until the agent confirms it."""
    customer = None
    if customer_number:
        customer = session.scalar(
            select(Customer).where(Customer.customer_number == customer_number)
        )
    if customer is None and email:
        customer = session.scalar(select(Customer).where(Customer.email == email))
    matched = customer is not None
    if customer is None:
        customer = Customer(
            display_name=name,
            email=email or None,
            customer_number=customer_number or None,
            first_seen=_utc(ts),
        )
        session.add(customer)
        session.flush()
    record = session.get(SessionRecord, session_id)
    if record is not None:
        record.customer_id = customer.id
        record.identity_verified = False
    past = session.scalar(
        select(func.count())
        .select_from(SessionRecord)
        .where(SessionRecord.customer_id == customer.id, SessionRecord.id != session_id)
    )
    add_event(session, session_id, "identified", ts, customer_id=customer.id, matched=matched)
    return CustomerMatch(
        customer.id,
        customer.display_name,
        customer.email,
        customer.customer_number,
        int(past or 0),
        matched,
    )


def confirm_identity(session: Session, session_id: str, agent_username: str, ts: float) -> None:
    record = session.get(SessionRecord, session_id)
    if record is None or record.customer_id is None:
        raise LookupError(session_id)
    record.identity_verified = True
    add_event(session, session_id, "identity_confirmed", ts, by=agent_username)


def save_note(
    session: Session, session_id: str, note_id: str, agent_username: str, text: str, ts: float
) -> None:
    """Create or replace the agent's note ``note_id`` on a session (autosave)."""
    record = session.scalar(
        select(NoteRecord).where(NoteRecord.session_id == session_id, NoteRecord.note_id == note_id)
    )
    if record is None:
        session.add(
            NoteRecord(
                session_id=session_id,
                note_id=note_id,
                agent_username=agent_username,
                text=text,
                created_at=_utc(ts),
                updated_at=_utc(ts),
            )
        )
    else:
        record.text = text
        record.updated_at = _utc(ts)


def wrap_up(
    session: Session,
    session_id: str,
    category: str,
    outcome: str,
    tags: list[str],
    final_note: str,
    ts: float,
) -> None:
    record = session.get(SessionRecord, session_id)
    if record is None:
        raise LookupError(session_id)
    record.category, record.outcome, record.tags = category.strip(), outcome, tags
    record.final_note = final_note
    add_event(session, session_id, "wrapped_up", ts, category=category, outcome=outcome)


def skip_wrap_up(session: Session, session_id: str, ts: float) -> None:
    """The agent chose not to wrap the session up: recorded as such, and nothing a wrap-up
    saved earlier is cleared."""
    if session.get(SessionRecord, session_id) is None:
        raise LookupError(session_id)
    add_event(session, session_id, "wrap_up_skipped", ts)


def rate(session: Session, session_id: str, rating: int, comment: str, ts: float) -> None:
    record = session.get(SessionRecord, session_id)
    if record is None:
        raise LookupError(session_id)
    record.rating, record.rating_comment = rating, comment
    add_event(session, session_id, "rated", ts, rating=rating)


@dataclass(frozen=True)
class OpenSession:
    """A session that was live when the server stopped."""

    session_id: str
    agent_username: str
    agent_display_name: str
    customer_name: str
    resume_hash: str
    seq: int
    last_activity: float


def open_sessions(session: Session, among: Collection[str]) -> list[OpenSession]:
    """Those of ``among`` the store says are live: admitted, not ended (after a crash or
    restart)."""
    records = session.scalars(
        select(SessionRecord).where(
            SessionRecord.id.in_(among),
            SessionRecord.ended_at.is_(None),
            SessionRecord.admitted_at.is_not(None),
        )
    )
    found = []
    for record in records:
        last_message = session.scalar(
            select(func.max(MessageRecord.ts)).where(MessageRecord.session_id == record.id)
        )
        last_event = session.scalar(
            select(func.max(SessionEvent.ts)).where(SessionEvent.session_id == record.id)
        )
        seq = session.scalar(
            select(func.max(MessageRecord.seq)).where(MessageRecord.session_id == record.id)
        )
        moments = [m for m in (last_message, last_event, record.admitted_at) if m is not None]
        found.append(
            OpenSession(
                record.id,
                record.agent_username,
                record.agent_display_name,
                record.customer_name or "",
                record.resume_hash or "",
                int(seq or 0),
                max(_as_utc(m).timestamp() for m in moments),
            )
        )
    return found


def messages_after(session: Session, session_id: str, seq: int) -> list[StoredMessage]:
    """The transcript after chat number ``seq`` (what a resuming client missed)."""
    query = (
        select(MessageRecord)
        .where(MessageRecord.session_id == session_id, MessageRecord.seq > seq)
        .order_by(MessageRecord.seq)
    )
    return [_stored(r) for r in session.scalars(query)]


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def agent_of(session: Session, session_id: str) -> tuple[str, datetime | None] | None:
    """The session's agent username and end time, if the history has the session."""
    record = session.get(SessionRecord, session_id)
    return None if record is None else (record.agent_username, record.ended_at)


def notes(session: Session, session_id: str) -> list[NoteRecord]:
    query = select(NoteRecord).where(NoteRecord.session_id == session_id)
    return list(session.scalars(query.order_by(NoteRecord.id)))


def transcript(session: Session, session_id: str) -> list[StoredMessage]:
    query = (
        select(MessageRecord)
        .where(MessageRecord.session_id == session_id)
        .order_by(MessageRecord.seq)
    )
    return [_stored(r) for r in session.scalars(query)]


def events(session: Session, session_id: str) -> list[SessionEvent]:
    query = select(SessionEvent).where(SessionEvent.session_id == session_id)
    return list(session.scalars(query.order_by(SessionEvent.id)))


def session_record(session: Session, session_id: str) -> SessionRecord | None:
    return session.get(SessionRecord, session_id)
