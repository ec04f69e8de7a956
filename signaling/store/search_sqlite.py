"""How SQLite finds the newest rows holding a query: its FTS5 gram index, asked for the
rarest of the query's grams, newest first.

FTS5 walks a query's terms in rowid order and stops at the ``LIMIT``: a common term costs only
the few hundred newest rows it takes to fill the page. What costs is a query whose terms are
common but whose rows are few (``error 0x80070057``: er, ro, 0x, 80… are in every English
error message): FTS5 then reads every term's whole list. With ``detail=none`` the index does
not keep counts, so each term is probed for up to ``PROBE_CAP`` rows (a fraction of a
millisecond each); if some are under the cap, the rarest of them alone give the candidates.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import text
from sqlalchemy.orm import Session

from signaling.store.grams import CUSTOMER_COLUMNS, contains, spread, token

#: A probe counts a term's rows up to this many: a common term is not counted to the end.
PROBE_CAP = 1000
#: At most this many of a long query's grams are looked up. Any subset finds every row that
#: holds the query (and some that do not: every candidate is checked for the whole query).
MAX_TERMS: Final = 12
#: When some grams are under the cap, this many of the rarest are looked up.
RARE_TERMS: Final = 2

FTS_TABLES: Final = {"messages": "message_fts", "notes": "note_fts", "customers": "customer_fts"}


def _probe(session: Session, fts: str, terms: list[str]) -> dict[str, int]:
    parts = [
        f"SELECT {i}, count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH :t{i} LIMIT {PROBE_CAP})"
        for i in range(len(terms))
    ]
    params = {f"t{i}": token(term) for i, term in enumerate(terms)}
    rows = session.execute(text(" UNION ALL ".join(parts)), params)
    return {terms[index]: count for index, count in rows}


def choose(session: Session, fts: str, grams: list[str]) -> list[str]:
    """The grams to look up: the rarest, when some are rare; all of them (up to
    ``MAX_TERMS``) when all are common, for FTS5 to intersect. Empty when one of them is in
    no row at all: nothing can match."""
    terms = spread(grams, MAX_TERMS)
    if len(terms) == 1:
        return terms
    counts = _probe(session, fts, terms)
    rare = sorted((count, term) for term, count in counts.items() if count < PROBE_CAP)
    if rare and rare[0][0] == 0:
        return []
    return [term for _, term in rare[:RARE_TERMS]] if rare else terms


def newest_ids(
    session: Session, table: str, grams: list[str], needle: str, limit: int
) -> list[int]:
    """Ids of the newest rows of ``table`` whose normalized text contains ``needle`` (whose
    needed grams are ``grams``), newest first."""
    fts = FTS_TABLES[table]
    terms = choose(session, fts, grams)
    if not terms:
        return []
    params = {"match": " ".join(token(t) for t in terms), "needle": needle, "limit": limit}
    if terms == [needle]:  # the query is one gram: the index's answer is exact
        sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH :match ORDER BY rowid DESC LIMIT :limit"
    else:
        sql = f"""
        SELECT f.rowid FROM {fts} AS f JOIN {table} AS d ON d.id = f.rowid
        WHERE f.{fts} MATCH :match AND {contains("instr", ["text"], "d")}
        ORDER BY f.rowid DESC LIMIT :limit
        """
    return [row[0] for row in session.execute(text(sql), params)]


def customer_ids(session: Session, grams: list[str], needle: str, limit: int) -> list[int]:
    """Ids of the newest customers whose name, e-mail or number contains ``needle``."""
    terms = spread(grams, MAX_TERMS)  # few customers: no need to pick the rarest
    sql = f"""
    SELECT f.rowid FROM customer_fts AS f JOIN customers AS c ON c.id = f.rowid
    WHERE f.customer_fts MATCH :match AND {contains("instr", CUSTOMER_COLUMNS, "c")}
    ORDER BY f.rowid DESC LIMIT :limit
    """
    params = {"match": " ".join(token(t) for t in terms), "needle": needle, "limit": limit}
    return [row[0] for row in session.execute(text(sql), params)]
