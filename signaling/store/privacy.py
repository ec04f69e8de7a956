"""The administrator's privacy tools: export a customer's history, delete a customer, and
purge old transcripts (retention). Blocking repository functions, like ``history``.

Each function changes the caller's transaction only; run it in a session of its own (the
bulk deletes do not update objects the session may already hold). Every call leaves one
audit entry in that same transaction, so the trail and the change commit together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, cast

from sqlalchemy import CursorResult, Select, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from signaling.codes import CodedError
from signaling.store.accounts import audit, now_utc
from signaling.store.models import (
    AbuseReport,
    Customer,
    MessageRecord,
    NoteRecord,
    SessionEvent,
    SessionRecord,
)

#: What ``export_customer`` produces; raise the version when a field changes meaning.
EXPORT_FORMAT: Final = "assist.customer-history"
EXPORT_VERSION: Final = 1


class PrivacyError(CodedError[str]):
    """``code`` names why the request cannot be carried out (``customer_not_found``, …)."""


@dataclass(frozen=True)
class CustomerSummary:
    """What an administrator confirms before deleting a record."""

    customer_id: int
    display_name: str
    sessions: int


@dataclass(frozen=True)
class DeletedCustomer:
    customer_id: int
    session_ids: tuple[str, ...]
    messages: int
    notes: int
    events: int
    reports_redacted: int


@dataclass(frozen=True)
class PurgeReport:
    older_than: datetime
    session_ids: tuple[str, ...]
    messages: int
    notes: int
    events: int


def _iso(value: datetime | None) -> str | None:
    """ISO-8601 in UTC (SQLite hands back naive datetimes; they were stored as UTC)."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="milliseconds")


def _customer(session: Session, customer_id: int, lock: bool = False) -> Customer:
    customer = session.get(Customer, customer_id, with_for_update=lock)
    if customer is None:
        raise PrivacyError("customer_not_found", str(customer_id))
    return customer


def _sessions_of(customer_id: int) -> Select[str]:
    return select(SessionRecord.id).where(SessionRecord.customer_id == customer_id)


def describe_customer(session: Session, customer_id: int) -> CustomerSummary:
    """Name and session count of a record (read only, not audited)."""
    customer = _customer(session, customer_id)
    ids = session.scalars(_sessions_of(customer_id)).all()
    return CustomerSummary(customer.id, customer.display_name, len(ids))


# ----------------------------------------------------------------- export


def export_customer(session: Session, customer_id: int, actor: str) -> dict[str, Any]:
    """The customer's whole history as JSON-able data, sessions oldest first; audited as
    ``customer_exported``. Raises ``PrivacyError("customer_not_found")``."""
    customer = _customer(session, customer_id)
    ids = _sessions_of(customer_id)
    records = session.scalars(
        select(SessionRecord)
        .where(SessionRecord.id.in_(ids))
        .order_by(SessionRecord.created_at, SessionRecord.id)
    ).all()
    transcripts = _grouped(
        session.scalars(
            select(MessageRecord)
            .where(MessageRecord.session_id.in_(ids))
            .order_by(MessageRecord.session_id, MessageRecord.seq)
        ),
        lambda m: {
            "seq": m.seq,
            "sender": m.sender,
            "sender_name": m.sender_name,
            "text": m.text,
            "ts": _iso(m.ts),
        },
    )
    notes = _grouped(
        session.scalars(
            select(NoteRecord).where(NoteRecord.session_id.in_(ids)).order_by(NoteRecord.id)
        ),
        lambda n: {
            "text": n.text,
            "author": n.agent_username,
            "created_at": _iso(n.created_at),
            "updated_at": _iso(n.updated_at),
        },
    )
    events = _grouped(
        session.scalars(
            select(SessionEvent).where(SessionEvent.session_id.in_(ids)).order_by(SessionEvent.id)
        ),
        lambda e: {"kind": e.kind, "ts": _iso(e.ts), "detail": dict(e.detail or {})},
    )
    data = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now_utc()),
        "customer": {
            "id": customer.id,
            "display_name": customer.display_name,
            "email": customer.email,
            "customer_number": customer.customer_number,
            "first_seen": _iso(customer.first_seen),
        },
        "sessions": [
            _session_data(r, transcripts[r.id], notes[r.id], events[r.id]) for r in records
        ],
    }
    audit(
        session,
        "customer_exported",
        actor=actor,
        subject=str(customer_id),
        customer_id=customer_id,
        sessions=len(records),
    )
    return data


def _grouped(
    rows: Iterable[Any], shape: Callable[[Any], dict[str, Any]]
) -> defaultdict[str, list[dict[str, Any]]]:
    grouped: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row.session_id].append(shape(row))
    return grouped


def _session_data(
    record: SessionRecord,
    transcript: list[dict[str, Any]],
    notes: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "id": record.id,
        "agent": {"username": record.agent_username, "display_name": record.agent_display_name},
        "customer_name": record.customer_name,
        # An unverified link is one the customer typed (a matching e-mail or number).
        "identity_verified": record.identity_verified,
        "created_at": _iso(record.created_at),
        "admitted_at": _iso(record.admitted_at),
        "ended_at": _iso(record.ended_at),
        "end_reason": record.end_reason,
        "first_reply_at": _iso(record.first_reply_at),
        "category": record.category,
        "outcome": record.outcome,
        "tags": list(record.tags or []),
        "final_note": record.final_note,
        "rating": record.rating,
        "rating_comment": record.rating_comment,
        "transcript": transcript,
        "notes": notes,
        "events": events,
    }


# ----------------------------------------------------------------- markdown

# What CommonMark (and GitHub's tables and strikethrough) gives a meaning to anywhere in a
# line: emphasis, code, links and images, raw HTML and entities, headings. Full-width
# Japanese punctuation means nothing there.
_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()<>#!|~&])")
# ...and only at the start of a line: list items ("- ", "+ ", "1. "), setext underlines and
# thematic breaks ("===", "---").
_LINE_MARK = re.compile(r"^([-+=])")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """One line of user text that renders as exactly itself."""
    escaped = _LINE_MARK.sub(r"\\\1", _SIGNIFICANT.sub(r"\\\1", text))
    return _ORDERED_ITEM.sub(r"\1\\\2", escaped)


def _inline(text: str | None) -> str:
    """A name or label on one line: line breaks and control characters become spaces."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text or "")
    return escape_markdown(" ".join(flat.split()))


def _block(text: str | None, indent: str = "  ") -> str:
    """Free text inside a list item: each line escaped, joined by hard line breaks and
    indented so it stays in the item. Blank lines are dropped (the JSON export keeps the
    text exactly)."""
    lines = [_inline(line) for line in (text or "").splitlines()]
    return f"  \n{indent}".join(line for line in lines if line)


def _when(iso: str | None) -> str:
    if iso is None:
        return "—"
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M:%S")


def export_markdown(data: dict[str, Any]) -> str:
    """A readable rendering of ``export_customer``'s data (times in UTC)."""
    customer = data["customer"]
    out = [
        f"# Customer history: {_inline(customer['display_name'])}",
        "",
        f"- Customer record: {customer['id']}",
        f"- E-mail: {_inline(customer['email']) or '—'}",
        f"- Customer number: {_inline(customer['customer_number']) or '—'}",
        f"- First seen: {_when(customer['first_seen'])} UTC",
        f"- Exported: {_when(data['exported_at'])} UTC",
        f"- Sessions: {len(data['sessions'])}",
    ]
    for item in data["sessions"]:
        out += _session_markdown(item)
    return "\n".join(out) + "\n"


def _session_markdown(item: dict[str, Any]) -> list[str]:
    agent = item["agent"]
    verified = "verified" if item["identity_verified"] else "not verified"
    ended = _when(item["ended_at"])
    if item["end_reason"]:
        ended += f" ({_inline(item['end_reason'])})"
    out = [
        "",
        f"## Session {_when(item['created_at'])} UTC",
        "",
        f"- Session: {_inline(item['id'])}",
        f"- Agent: {_inline(agent['display_name'])} ({_inline(agent['username'])})",
        f"- Customer's name: {_inline(item['customer_name']) or '—'} (identity {verified})",
        f"- Admitted: {_when(item['admitted_at'])}",
        f"- First reply: {_when(item['first_reply_at'])}",
        f"- Ended: {ended}",
        "",
        "### Transcript",
        "",
    ]
    out += [
        f"- {_when(m['ts'])} **{_inline(m['sender_name'])}** ({_inline(m['sender'])}): "
        f"{_block(m['text'])}"
        for m in item["transcript"]
    ] or ["No messages."]
    out += ["", "### Notes", ""]
    out += [
        f"- {_when(n['created_at'])} by {_inline(n['author'])} (last changed "
        f"{_when(n['updated_at'])}): {_block(n['text'])}"
        for n in item["notes"]
    ] or ["No notes."]
    out += ["", "### Wrap-up", ""]
    out += _wrap_up_markdown(item)
    out += ["", "### Events", ""]
    out += [f"- {_when(e['ts'])} {_inline(e['kind'])}" for e in item["events"]] or ["None."]
    return out


def _wrap_up_markdown(item: dict[str, Any]) -> list[str]:
    rating = f"{item['rating']} of 5" if item["rating"] is not None else "—"
    return [
        f"- Category: {_inline(item['category']) or '—'}",
        f"- Outcome: {_inline(item['outcome']) or '—'}",
        f"- Tags: {', '.join(_inline(t) for t in item['tags']) or '—'}",
        f"- Final note: {_block(item['final_note']) or '—'}",
        f"- Rating: {rating}",
        f"- Customer's comment: {_block(item['rating_comment']) or '—'}",
    ]


# ----------------------------------------------------------------- deletion and retention


def _affected(session: Session, statement: Any) -> int:
    # synchronize_session=False: the rows go in one statement each, whatever their number,
    # and the session holds none of them (ids are selected as plain values).
    result = session.execute(statement, execution_options={"synchronize_session": False})
    return int(cast(CursorResult[Any], result).rowcount or 0)


def _delete_contents(session: Session, ids: Select[str]) -> tuple[int, int, int]:
    """Delete the messages, notes and events of the sessions ``ids`` selects; their counts.

    Plain DELETE statements, children of ``sessions`` only: they do not depend on foreign-key
    cascades (off unless SQLite is told) and they fire the search index's triggers."""
    return (
        _affected(session, delete(MessageRecord).where(MessageRecord.session_id.in_(ids))),
        _affected(session, delete(NoteRecord).where(NoteRecord.session_id.in_(ids))),
        _affected(session, delete(SessionEvent).where(SessionEvent.session_id.in_(ids))),
    )


def delete_customer(session: Session, customer_id: int, actor: str) -> DeletedCustomer:
    """Remove the customer, their sessions and everything recorded in them; abuse reports on
    those sessions stay (they are about the agent) with the customer's name blanked.
    Audited as ``customer_deleted`` with the session ids, so the apps' caches can follow."""
    # On PostgreSQL the rows stay locked until the commit: no session can be linked to the
    # record and nothing can be written into its sessions in the meantime, so the audit
    # entry names every session that went. (SQLite serialises writers anyway.)
    customer = _customer(session, customer_id, lock=True)
    ids = _sessions_of(customer_id)
    locked = ids.order_by(SessionRecord.created_at).with_for_update()
    session_ids = tuple(session.scalars(locked).all())
    messages, notes, events = _delete_contents(session, ids)
    reports = _affected(
        session,
        update(AbuseReport).where(AbuseReport.session_id.in_(ids)).values(customer_name=""),
    )
    _affected(session, delete(SessionRecord).where(SessionRecord.customer_id == customer_id))
    session.delete(customer)
    audit(
        session,
        "customer_deleted",
        actor=actor,
        subject=str(customer_id),
        customer_id=customer_id,
        session_ids=list(session_ids),
        messages=messages,
        notes=notes,
        events=events,
        reports_redacted=reports,
    )
    return DeletedCustomer(customer_id, session_ids, messages, notes, events, reports)


def purge_expired(session: Session, older_than: datetime, actor: str) -> PurgeReport:
    """Retention: for sessions that ended before ``older_than``, delete the transcript, notes
    and events and blank the final note and the customer's comment. The session rows stay
    (date, agent, category, outcome, tags, rating) so statistics still count them; live
    sessions are never touched.

    Running it again finds nothing left and reports zeros. It is audited as
    ``history_purged`` every time, even with nothing to purge, so the trail shows the
    retention job ran and with which cut-off."""
    if older_than.tzinfo is None:
        raise PrivacyError("cutoff_not_utc", "give the cut-off with a time zone")
    cutoff = older_than.astimezone(UTC)
    expired = select(SessionRecord.id).where(
        SessionRecord.ended_at.is_not(None), SessionRecord.ended_at < cutoff
    )
    holding = expired.where(
        or_(
            exists().where(MessageRecord.session_id == SessionRecord.id),
            exists().where(NoteRecord.session_id == SessionRecord.id),
            exists().where(SessionEvent.session_id == SessionRecord.id),
            SessionRecord.final_note.is_not(None),
            SessionRecord.rating_comment.is_not(None),
        )
    )
    session_ids = tuple(session.scalars(holding.order_by(SessionRecord.ended_at)).all())
    messages, notes, events = _delete_contents(session, expired)
    _affected(
        session,
        update(SessionRecord)
        .where(SessionRecord.ended_at.is_not(None), SessionRecord.ended_at < cutoff)
        .values(final_note=None, rating_comment=None),
    )
    audit(
        session,
        "history_purged",
        actor=actor,
        older_than=_iso(cutoff),
        session_ids=list(session_ids),
        messages=messages,
        notes=notes,
        events=events,
    )
    return PurgeReport(cutoff, session_ids, messages, notes, events)
