"""Full-text search over transcripts and notes that works for Japanese, one character up.

Japanese has no spaces between words, and the words agents look for are often one or two
characters long (返金, 画面). A word tokenizer finds nothing there, and a trigram index
(SQLite FTS5 ``trigram``, PostgreSQL ``pg_trgm``) cannot answer a query shorter than three
characters, so it falls back to scanning every row. This index keeps, for each text, the set
of its **unigrams and bigrams** (per run of letters and digits, after NFKC and lower-casing):

- a query of one or two characters is one term of the index;
- a longer query needs all of its grams, and the few candidate rows are checked for the exact
  substring.

SQLite keeps the grams in a contentless FTS5 table (``detail=none``: only which rows hold a
term), maintained by triggers that call ``assist_grams``, a function registered on each
connection. PostgreSQL computes the same grams with an SQL function into a generated
``grams`` column, indexed with GIN: a row's grams are computed once, when it is written, never
again when a query checks it. The grams themselves: ``signaling.store.grams``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from signaling.store.grams import grams, normalize, token
from signaling.store.models import Customer

#: At most this many hits of each kind are returned (newest first).
MAX_RESULTS: Final = 100
#: A query is a phrase, not a document.
MAX_QUERY: Final = 200


def _sqlite_match(query: str) -> str:
    return " ".join(sorted(token(g) for g in grams(query)))


@dataclass(frozen=True)
class Hit:
    """A message or note containing the query, with its session and customer."""

    kind: str  # "message" or "note"
    session_id: str
    customer_id: int | None
    customer_name: str | None
    agent_display_name: str
    sender_name: str
    text: str
    ts: float


@dataclass(frozen=True)
class CustomerHit:
    customer_id: int
    display_name: str
    email: str | None
    customer_number: str | None


@dataclass(frozen=True)
class SearchResults:
    customers: list[CustomerHit]
    hits: list[Hit]


def _timestamp(value: datetime) -> float:
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


_SQLITE_HITS: Final = {
    kind: f"""
    SELECT d.{sender}, d.text, d.{time}, s.id, s.customer_id, c.display_name,
           s.agent_display_name
    FROM {fts} AS f
    JOIN {table} AS d ON d.id = f.rowid
    JOIN sessions AS s ON s.id = d.session_id
    LEFT JOIN customers AS c ON c.id = s.customer_id
    WHERE f.{fts} MATCH :match AND instr(assist_norm(d.text), :needle) > 0
    ORDER BY f.rowid DESC
    LIMIT :limit
    """
    for kind, table, fts, sender, time in (
        ("message", "messages", "message_fts", "sender_name", "ts"),
        ("note", "notes", "note_fts", "agent_username", "updated_at"),
    )
}

_POSTGRES_HITS: Final = {
    kind: f"""
    SELECT d.{sender}, d.text, d.{time}, s.id, s.customer_id, c.display_name,
           s.agent_display_name
    FROM {table} AS d
    JOIN sessions AS s ON s.id = d.session_id
    LEFT JOIN customers AS c ON c.id = s.customer_id
    WHERE d.grams @> assist_grams(:query)
      AND strpos(assist_norm(d.text), assist_norm(:query)) > 0
    ORDER BY d.id DESC
    LIMIT :limit
    """
    for kind, table, sender, time in (
        ("message", "messages", "sender_name", "ts"),
        ("note", "notes", "agent_username", "updated_at"),
    )
}

# A query with no letter or digit (say "@") has no grams: the rows are scanned.
_SCAN_HITS: Final = {
    kind: f"""
    SELECT d.{sender}, d.text, d.{time}, s.id, s.customer_id, c.display_name,
           s.agent_display_name
    FROM {table} AS d
    JOIN sessions AS s ON s.id = d.session_id
    LEFT JOIN customers AS c ON c.id = s.customer_id
    WHERE {{contains}}
    ORDER BY d.id DESC
    LIMIT :limit
    """
    for kind, table, sender, time in (
        ("message", "messages", "sender_name", "ts"),
        ("note", "notes", "agent_username", "updated_at"),
    )
}


def _hit_rows(session: Session, kind: str, query: str, limit: int) -> list[Hit]:
    dialect = session.get_bind().dialect.name
    needle = normalize(query)
    params: dict[str, Any] = {"limit": limit, "query": query, "needle": needle}
    if not grams(query):
        contains = (
            "strpos(assist_norm(d.text), :needle) > 0"
            if dialect == "postgresql"
            else "instr(assist_norm(d.text), :needle) > 0"
        )
        sql = _SCAN_HITS[kind].format(contains=contains)
    elif dialect == "postgresql":
        sql = _POSTGRES_HITS[kind]
    else:
        sql, params["match"] = _SQLITE_HITS[kind], _sqlite_match(query)
    rows = session.execute(text(sql), params)
    return [
        Hit(kind, row[3], row[4], row[5], row[6], row[0], row[1], _timestamp(_as_datetime(row[2])))
        for row in rows
    ]


def _as_datetime(value: Any) -> datetime:
    # Raw SQL on SQLite hands back the stored ISO text; PostgreSQL hands back a datetime.
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def search_customers(session: Session, query: str, limit: int = MAX_RESULTS) -> list[CustomerHit]:
    """Customers whose name, e-mail or customer number contains ``query``."""
    pattern = f"%{_escape_like(query.strip().lower())}%"
    statement = (
        select(Customer)
        .where(
            or_(
                func.lower(Customer.display_name).like(pattern, escape="\\"),
                func.lower(Customer.email).like(pattern, escape="\\"),
                func.lower(Customer.customer_number).like(pattern, escape="\\"),
            )
        )
        .order_by(Customer.id.desc())
        .limit(limit)
    )
    return [
        CustomerHit(c.id, c.display_name, c.email, c.customer_number)
        for c in session.scalars(statement)
    ]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(session: Session, query: str, limit: int = MAX_RESULTS) -> SearchResults:
    """Customers matching ``query``, and the newest messages and notes containing it.

    ``query`` must be 1 to ``MAX_QUERY`` characters after trimming (the caller checks)."""
    query = query.strip()
    hits = _hit_rows(session, "message", query, limit) + _hit_rows(session, "note", query, limit)
    hits.sort(key=lambda hit: hit.ts, reverse=True)
    return SearchResults(search_customers(session, query, limit), hits[:limit])
