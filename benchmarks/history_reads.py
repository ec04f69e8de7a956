"""The reads the history benchmark times: the store's own (what the server runs) and their
naive twins (an N+1 ORM load, indexes defeated, an unindexed LIKE), which must give the same
answers."""

from __future__ import annotations

from typing import Final

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from signaling.store import customers, search
from signaling.store.grams import CUSTOMER_COLUMNS
from signaling.store.models import (
    Customer,
    MessageRecord,
    NoteRecord,
    SessionEvent,
    SessionRecord,
)

# The naive search: what the endpoint would be without the gram index, a LIKE over every
# row, newest first. Same joins and columns as signaling.store.search, so the answers are
# comparable. SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE for the same answer.
_NAIVE_HITS: Final = {
    kind: f"""
    SELECT d.{sender}, d.text, d.{time}, s.id, s.customer_id, c.display_name,
           s.agent_display_name
    FROM {table} AS d
    JOIN sessions AS s ON s.id = d.session_id
    LEFT JOIN customers AS c ON c.id = s.customer_id
    WHERE d.text {{like}} :pattern ESCAPE '\\'
    ORDER BY d.id DESC
    LIMIT :limit
    """
    for kind, (table, sender, time) in search.HIT_SOURCES.items()
}


# --- the operations and their naive twins -----------------------------------------------

HistoryView = tuple[str, int, list[tuple[str, str]]]


def load_history(session: Session, customer_id: int) -> HistoryView:
    """What the Customer panel asks for: the profile and the timeline."""
    profile = customers.profile(session, customer_id)
    timeline = customers.timeline(session, customer_id)
    return (
        profile.display_name,
        profile.sessions,
        [(s.session_id, s.note_preview) for s in timeline],
    )


def naive_history(session: Session, customer_id: int) -> HistoryView:
    """The obvious ORM code: the customer, all their sessions sorted in Python, then each
    shown session's notes with one query per session (N+1)."""
    customer = session.get(Customer, customer_id)
    assert customer is not None
    records = list(
        session.scalars(select(SessionRecord).where(SessionRecord.customer_id == customer_id))
    )
    records.sort(key=lambda r: r.created_at, reverse=True)
    timeline = []
    for record in records[: customers.TIMELINE_SESSIONS]:
        notes = session.scalars(
            select(NoteRecord).where(NoteRecord.session_id == record.id).order_by(NoteRecord.id)
        )
        preview = "\n".join(n.text for n in notes) or record.final_note or ""
        timeline.append((record.id, preview[: customers.NOTE_PREVIEW]))
    return customer.display_name, len(records), timeline


DetailView = tuple[str, list[str], list[str], list[str]]


def load_detail(session: Session, session_id: str) -> DetailView:
    found = customers.detail(session, session_id)
    return (
        found.summary.session_id,
        [m.text for m in found.messages],
        [text for _, text, _ in found.notes],
        [kind for kind, _, _ in found.events],
    )


def naive_detail(session: Session, session_id: str) -> DetailView:
    """The same reads with the session_id indexes defeated (``session_id || ''``): what the
    page would cost if the tables were only keyed by their own ids."""
    record = session.get(SessionRecord, session_id)
    assert record is not None
    messages = session.scalars(
        select(MessageRecord)
        .where(MessageRecord.session_id.concat("") == session_id)
        .order_by(MessageRecord.seq)
    )
    notes = session.scalars(
        select(NoteRecord).where(NoteRecord.session_id.concat("") == session_id)
        .order_by(NoteRecord.id)
    )  # fmt: skip
    events = session.scalars(
        select(SessionEvent).where(SessionEvent.session_id.concat("") == session_id)
        .order_by(SessionEvent.id)
    )  # fmt: skip
    return record.id, [m.text for m in messages], [n.text for n in notes], [e.kind for e in events]


def naive_search(session: Session, query: str) -> search.SearchResults:
    like = "ILIKE" if session.get_bind().dialect.name == "postgresql" else "LIKE"
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params = {"pattern": f"%{escaped}%", "limit": search.MAX_RESULTS}
    hits = [
        search.Hit(kind, r[3], r[4], r[5], r[6], r[0], r[1], search.timestamp(r[2]))
        for kind, sql in _NAIVE_HITS.items()
        for r in session.execute(text(sql.format(like=like)), params)
    ]
    hits.sort(key=lambda hit: hit.ts, reverse=True)
    customers_found = naive_customers(session, f"%{escaped.lower()}%")
    return search.SearchResults(customers_found, hits[: search.MAX_RESULTS])


def naive_customers(session: Session, pattern: str) -> list[search.CustomerHit]:
    """``lower(column) LIKE '%q%'`` on the name, e-mail and number of every customer."""
    statement = (
        select(Customer)
        .where(
            or_(
                *(
                    func.lower(getattr(Customer, column)).like(pattern, escape="\\")
                    for column in CUSTOMER_COLUMNS
                )
            )
        )
        .order_by(Customer.id.desc())
        .limit(search.MAX_RESULTS)
    )
    return [
        search.CustomerHit(c.id, c.display_name, c.email, c.customer_number)
        for c in session.scalars(statement)
    ]


# --- checking the answers ---------------------------------------------------------------
