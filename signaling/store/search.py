"""Full-text search over transcripts, notes and customers that works for Japanese, one
character up.

Japanese has no spaces between words, and the words agents look for are often one or two
characters long (返金, 画面). A word tokenizer finds nothing there, and a trigram index
(SQLite FTS5 ``trigram``, PostgreSQL ``pg_trgm``) cannot answer a query shorter than three
characters, so it falls back to scanning every row. This index keeps, for each text, the set
of its **unigrams and bigrams** (per run of letters and digits, after NFKC and lower-casing;
``signaling.store.grams``):

- a query of one or two letters or digits is one term of the index, whose answer needs no
  check;
- a longer query needs its bigrams (a bigram implies its two unigrams); how common each one
  is decides which are looked up, and the candidate rows are checked for the exact substring.

Both backends first find the ids of the newest matching rows, and only those rows are then
read with their session and customer. SQLite keeps the grams in contentless FTS5 tables
(``detail=none``: only which rows hold a term), maintained by triggers that call
``assist_grams``, a function registered on each connection; it learns which grams are rare
by probing them (``search_sqlite``). PostgreSQL keeps them in a generated ``grams`` column
with a GIN index, and reads how common each gram is from that column's statistics
(``search_postgres``).

Customers are found the same way, by the grams of their name, e-mail and customer number
together, each field then checked for the normalized query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from signaling.store import search_postgres, search_sqlite
from signaling.store.grams import CUSTOMER_COLUMNS, contains, grams, needed, normalize
from signaling.store.models import Customer

#: At most this many hits of each kind are returned (newest first).
MAX_RESULTS: Final = 100
#: A query is a phrase, not a document.
MAX_QUERY: Final = 200


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


#: (table, column of the author's name, column of the time) of each kind of hit.
HIT_SOURCES: Final = {
    "message": ("messages", "sender_name", "ts"),
    "note": ("notes", "agent_username", "updated_at"),
}

_HIT_ROWS: Final = {
    kind: text(
        f"""
        SELECT d.{sender}, d.text, d.{time}, s.id, s.customer_id, c.display_name,
               s.agent_display_name
        FROM {table} AS d
        JOIN sessions AS s ON s.id = d.session_id
        LEFT JOIN customers AS c ON c.id = s.customer_id
        WHERE d.id IN :ids
        ORDER BY d.id DESC
        """
    ).bindparams(bindparam("ids", expanding=True))
    for kind, (table, sender, time) in HIT_SOURCES.items()
}


def _scan_ids(
    session: Session, table: str, columns: tuple[str, ...], needle: str, limit: int
) -> list[int]:
    # A query with no letter or digit (say "@") has no grams: the rows are read newest first.
    position = "strpos" if session.get_bind().dialect.name == "postgresql" else "instr"
    where = contains(position, columns)
    sql = f"SELECT id FROM {table} WHERE {where} ORDER BY id DESC LIMIT :limit"
    return [row[0] for row in session.execute(text(sql), {"needle": needle, "limit": limit})]


def _query_grams(session: Session, query: str) -> list[str]:
    if session.get_bind().dialect.name == "postgresql":
        return needed(search_postgres.query_grams(session, query))
    return needed(grams(query))


def _hits(session: Session, kind: str, terms: list[str], needle: str, limit: int) -> list[Hit]:
    table = HIT_SOURCES[kind][0]
    if not terms:
        ids = _scan_ids(session, table, ("text",), needle, limit)
    elif session.get_bind().dialect.name == "postgresql":
        ids = search_postgres.newest_ids(session, table, terms, needle, limit)
    else:
        ids = search_sqlite.newest_ids(session, table, terms, needle, limit)
    if not ids:
        return []
    rows = session.execute(_HIT_ROWS[kind], {"ids": ids})
    return [
        Hit(kind, row[3], row[4], row[5], row[6], row[0], row[1], timestamp(row[2])) for row in rows
    ]


def timestamp(value: Any) -> float:
    """A hit's time as raw SQL returns it (SQLite: the stored ISO text; PostgreSQL: a
    datetime), in seconds since the epoch, UTC."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _customers(session: Session, terms: list[str], needle: str, limit: int) -> list[CustomerHit]:
    if not terms:
        ids = _scan_ids(session, "customers", CUSTOMER_COLUMNS, needle, limit)
    elif session.get_bind().dialect.name == "postgresql":
        ids = search_postgres.customer_ids(session, terms, needle, limit)
    else:
        ids = search_sqlite.customer_ids(session, terms, needle, limit)
    if not ids:
        return []
    found = session.scalars(
        select(Customer).where(Customer.id.in_(ids)).order_by(Customer.id.desc())
    )
    return [CustomerHit(c.id, c.display_name, c.email, c.customer_number) for c in found]


def search_customers(session: Session, query: str, limit: int = MAX_RESULTS) -> list[CustomerHit]:
    """The newest customers whose name, e-mail or customer number contains ``query`` (compared
    as texts are: NFKC and lower case)."""
    query = query.strip()
    return _customers(session, _query_grams(session, query), normalize(query), limit)


def search(session: Session, query: str, limit: int = MAX_RESULTS) -> SearchResults:
    """Customers matching ``query``, and the newest messages and notes containing it.

    ``query`` must be 1 to ``MAX_QUERY`` characters after trimming (the caller checks)."""
    query = query.strip()
    terms, needle = _query_grams(session, query), normalize(query)
    hits = _hits(session, "message", terms, needle, limit) + _hits(
        session, "note", terms, needle, limit
    )
    hits.sort(key=lambda hit: hit.ts, reverse=True)
    return SearchResults(_customers(session, terms, needle, limit), hits[:limit])
