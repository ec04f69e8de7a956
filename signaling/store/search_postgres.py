"""How PostgreSQL finds the newest rows holding a query: the statistics of the ``grams``
column say how common each of the query's grams is, and that decides how to look.

- A rare gram (in at most ``DIRECT_ROWS`` rows by the statistics) bounds the work: the GIN
  index gives every row holding the rarest few grams, and those are checked and sorted.
- When every gram is common, the rows holding the query are probably common too: the newest
  ``WINDOW`` rows are read newest first until the page is full (a common term fills it within
  a few hundred rows). Only if they do not fill it are the older rows asked of the index, with
  all the grams up to ``MAX_TERMS`` (their intersection is small, or the window would have
  filled).

Until ANALYZE has seen a table (autovacuum runs it as rows arrive), no gram has statistics
and every lookup goes to the index: right for the small table a new store has.

The planner is not left to choose between these itself: it takes the grams of a phrase as
independent, and a phrase's grams are not (画面, 面が, が真, 真っ and っ黒 go together), so it
thinks a common phrase rare and fetches and sorts tens of thousands of rows for it.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import text
from sqlalchemy.orm import Session

from signaling.store.grams import CUSTOMER_COLUMNS, contains, spread

#: A gram in at most this many rows is looked up in the index alone (a row the index gives
#: costs about 20 µs to fetch and check; one read newest first, about 3 µs).
DIRECT_ROWS = 1000
#: How many of the newest ids are read newest first for a common query.
WINDOW = 20_000
#: At most this many grams go into an index lookup (the rarest first).
MAX_TERMS: Final = 8
#: The rarest this many grams are enough when one is rare.
RARE_TERMS: Final = 3

# Statistics ANALYZE keeps for an array column: its most common elements and how often each
# is in a row. A gram not in the list is rarer than every gram in it.
_FREQUENCIES: Final = """
SELECT u.gram, u.freq
FROM pg_stats AS s
CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)
     AS u(gram, freq)
WHERE s.schemaname = current_schema() AND s.tablename = :table AND s.attname = 'grams'
  AND u.gram = ANY(CAST(:grams AS text[]))
"""


def query_grams(session: Session, query: str) -> set[str]:
    """The query's grams as the server computes them: the same function that fills the
    ``grams`` columns, so a text and a query can never disagree on what a letter is."""
    found = session.execute(text("SELECT assist_grams(:query)"), {"query": query}).scalar()
    return set(found or ())


def _frequencies(session: Session, table: str, grams: list[str]) -> dict[str, float]:
    rows = session.execute(text(_FREQUENCIES), {"table": table, "grams": grams})
    return {gram: float(freq) for gram, freq in rows}


def _ids(
    session: Session, table: str, terms: list[str], needle: str, limit: int, where: str = ""
) -> list[int]:
    # One gram that is the whole query needs no check: the index's answer is exact.
    check = "" if terms == [needle] else "AND " + contains("strpos", ["text"])
    sql = f"""
    SELECT id FROM {table}
    WHERE grams @> CAST(:terms AS text[]) {check} {where}
    ORDER BY id DESC LIMIT :limit
    """
    params: dict[str, Any] = {"terms": terms, "needle": needle, "limit": limit}
    return [row[0] for row in session.execute(text(sql), params)]


def newest_ids(
    session: Session, table: str, grams: list[str], needle: str, limit: int
) -> list[int]:
    """Ids of the newest rows of ``table`` whose normalized text contains ``needle`` (whose
    needed grams are ``grams``), newest first."""
    frequency = _frequencies(session, table, grams)
    ranked = sorted(grams, key=lambda gram: (frequency.get(gram, 0.0), gram))
    top = session.execute(text(f"SELECT max(id) FROM {table}")).scalar()
    if top is None:
        return []
    if frequency.get(ranked[0], 0.0) * top <= DIRECT_ROWS:
        return _ids(session, table, ranked[:RARE_TERMS], needle, limit)
    # Only the rarest gram: the planner counts its rows right, and reads the window
    # newest first instead of fetching every row of the window that holds it.
    floor = top - WINDOW
    found = _ids(session, table, ranked[:1], needle, limit, f"AND id > {floor:d}")
    if len(found) < limit:
        older = ranked[:MAX_TERMS]
        found += _ids(session, table, older, needle, limit - len(found), f"AND id <= {floor:d}")
    return found


def customer_ids(session: Session, grams: list[str], needle: str, limit: int) -> list[int]:
    """Ids of the newest customers whose name, e-mail or number contains ``needle``."""
    sql = f"""
    SELECT id FROM customers
    WHERE grams @> CAST(:terms AS text[]) AND {contains("strpos", CUSTOMER_COLUMNS)}
    ORDER BY id DESC LIMIT :limit
    """
    params: dict[str, Any] = {"terms": spread(grams, MAX_TERMS), "needle": needle, "limit": limit}
    return [row[0] for row in session.execute(text(sql), params)]
