"""Reading and correcting a customer's record: the profile and timeline the agent's Customer
panel shows, one past session in full, re-linking a session and merging two records.

Blocking repository functions, called on the server's database thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from signaling.codes import CodedError
from signaling.store import history
from signaling.store.accounts import audit
from signaling.store.models import Customer, NoteRecord, SessionRecord

#: The timeline shows this many sessions, newest first.
TIMELINE_SESSIONS: Final = 200
#: How much of a session's notes the timeline shows.
NOTE_PREVIEW: Final = 160


class CustomerError(CodedError[str]):
    """``code`` names the problem: ``customer_not_found``, ``merge_into_itself``, …"""


@dataclass(frozen=True)
class Profile:
    customer_id: int
    display_name: str
    email: str | None
    customer_number: str | None
    first_seen: float
    sessions: int


@dataclass(frozen=True)
class SessionSummary:
    session_id: str
    customer_id: int | None
    created_at: float
    agent_display_name: str
    customer_name: str | None
    identity_verified: bool
    admitted_at: float | None
    ended_at: float | None
    end_reason: str | None
    category: str | None
    outcome: str | None
    tags: list[str]
    rating: int | None
    rating_comment: str | None
    final_note: str | None
    note_preview: str


@dataclass(frozen=True)
class SessionDetail:
    summary: SessionSummary
    messages: list[history.StoredMessage]
    notes: list[tuple[str, str, float]]  # (author, text, updated at)
    events: list[tuple[str, float, dict[str, Any]]] = field(default_factory=list)


def _ts(value: datetime | None) -> float | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise CustomerError("customer_not_found", str(customer_id))
    return customer


def profile(session: Session, customer_id: int) -> Profile:
    customer = _customer(session, customer_id)
    count = session.scalar(
        select(func.count())
        .select_from(SessionRecord)
        .where(SessionRecord.customer_id == customer_id)
    )
    return Profile(
        customer.id,
        customer.display_name,
        customer.email,
        customer.customer_number,
        _ts(customer.first_seen) or 0.0,
        int(count or 0),
    )


def _summary(record: SessionRecord, preview: str) -> SessionSummary:
    return SessionSummary(
        record.id,
        record.customer_id,
        _ts(record.created_at) or 0.0,
        record.agent_display_name,
        record.customer_name,
        record.identity_verified,
        _ts(record.admitted_at),
        _ts(record.ended_at),
        record.end_reason,
        record.category,
        record.outcome,
        list(record.tags or []),
        record.rating,
        record.rating_comment,
        record.final_note,
        preview,
    )


def _previews(session: Session, session_ids: list[str]) -> dict[str, str]:
    """The start of each session's notes (in the order they were written)."""
    if not session_ids:
        return {}
    rows = session.execute(
        select(NoteRecord.session_id, func.substr(NoteRecord.text, 1, NOTE_PREVIEW))
        .where(NoteRecord.session_id.in_(session_ids))
        .order_by(NoteRecord.id)
    )
    previews: dict[str, str] = {}
    for session_id, text in rows:
        joined = f"{previews[session_id]}\n{text}" if session_id in previews else text
        previews[session_id] = joined[:NOTE_PREVIEW]
    return previews


def timeline(
    session: Session, customer_id: int, limit: int = TIMELINE_SESSIONS
) -> list[SessionSummary]:
    """The customer's sessions, newest first, each with the start of its notes."""
    records = list(
        session.scalars(
            select(SessionRecord)
            .where(SessionRecord.customer_id == customer_id)
            .order_by(SessionRecord.created_at.desc())
            .limit(limit)
        )
    )
    previews = _previews(session, [r.id for r in records])
    return [_summary(r, previews.get(r.id) or (r.final_note or "")[:NOTE_PREVIEW]) for r in records]


def detail(session: Session, session_id: str) -> SessionDetail:
    record = history.session_record(session, session_id)
    if record is None:
        raise CustomerError("session_not_found", session_id)
    notes = [
        (n.agent_username, n.text, _ts(n.updated_at) or 0.0)
        for n in history.notes(session, session_id)
    ]
    preview = "\n".join(text for _, text, _ in notes)[:NOTE_PREVIEW]
    return SessionDetail(
        _summary(record, preview),
        history.transcript(session, session_id),
        notes,
        [
            (e.kind, _ts(e.ts) or 0.0, dict(e.detail or {}))
            for e in history.events(session, session_id)
        ],
    )


def relink(session: Session, session_id: str, customer_id: int, actor: str, ts: float) -> None:
    """Move a session to the right customer (the agent has checked who it was). The link
    counts as verified: a person made it."""
    record = history.session_record(session, session_id)
    if record is None:
        raise CustomerError("session_not_found", session_id)
    _customer(session, customer_id)
    previous = record.customer_id
    record.customer_id, record.identity_verified = customer_id, True
    history.add_event(
        session, session_id, "relinked", ts, by=actor, **{"from": previous, "to": customer_id}
    )
    audit(
        session,
        "session_relinked",
        actor=actor,
        subject=session_id,
        before=previous,
        after=customer_id,
    )


def merge(session: Session, source_id: int, target_id: int, actor: str) -> int:
    """Fold the record ``source_id`` into ``target_id``: its sessions move, contact details
    the target lacks are kept, and the source record is removed. Returns how many sessions
    moved."""
    if source_id == target_id:
        raise CustomerError("merge_into_itself", str(source_id))
    source, target = _customer(session, source_id), _customer(session, target_id)
    email, number = source.email, source.customer_number
    moved = session.scalar(
        select(func.count())
        .select_from(SessionRecord)
        .where(SessionRecord.customer_id == source_id)
    )
    session.execute(
        update(SessionRecord)
        .where(SessionRecord.customer_id == source_id)
        .values(customer_id=target_id)
    )
    first_seen = min(source.first_seen, target.first_seen, key=lambda d: _ts(d) or 0.0)
    session.delete(source)
    session.flush()  # the e-mail and number are unique: free them before the target takes them
    target.email = target.email or email
    target.customer_number = target.customer_number or number
    target.first_seen = first_seen
    audit(
        session,
        "customers_merged",
        actor=actor,
        subject=str(target_id),
        source=source_id,
        target=target_id,
        sessions=int(moved or 0),
    )
    return int(moved or 0)
