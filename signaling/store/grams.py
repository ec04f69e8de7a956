"""How texts and queries are cut into the search index's terms: the unigrams and bigrams of
each run of letters and digits, after NFKC and lower-casing (why: signaling/store/search.py).

PostgreSQL computes the same grams with the SQL function ``assist_grams`` (migration 0003);
SQLite calls the functions registered here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, Final

#: The customer columns a search looks in: name, e-mail, customer number.
CUSTOMER_COLUMNS: Final = ("display_name", "email", "customer_number")


def normalize(value: str) -> str:
    """How texts and queries are compared: NFKC (full-width Ａ and half-width ｶ become A
    and カ) and lower case."""
    return unicodedata.normalize("NFKC", value).lower()


def _runs(normalized: str) -> list[str]:
    runs: list[str] = []
    start = None
    for index, char in enumerate(normalized):
        if char.isalnum():
            if start is None:
                start = index
        elif start is not None:
            runs.append(normalized[start:index])
            start = None
    if start is not None:
        runs.append(normalized[start:])
    return runs


def grams(value: str) -> set[str]:
    """The unigrams and bigrams of each run of letters and digits in ``value``."""
    found: set[str] = set()
    for run in _runs(normalize(value)):
        found.update(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found


def needed(query_grams: set[str]) -> list[str]:
    """The grams a text must hold to hold them all: the bigrams, and the unigrams that are in
    no bigram (a one-character run). A text holding the bigram 画面 holds 画 and 面, so
    looking those up too only makes the index read more. Sorted, for repeatable queries."""
    pairs = {g for g in query_grams if len(g) == 2}
    covered = {char for pair in pairs for char in pair}
    return sorted(pairs | {g for g in query_grams if len(g) == 1 and g not in covered})


def spread(terms: list[str], most: int) -> list[str]:
    """At most ``most`` of ``terms``, taken evenly across them (a long query's grams: any of
    them find every text that holds the query)."""
    if len(terms) <= most:
        return terms
    return [terms[len(terms) * i // most] for i in range(most)]


def token(gram: str) -> str:
    """A gram as one term of the SQLite index."""
    # FTS5's tokenizer has its own idea of what a word character is; fixed-width hex code
    # points are one token to any tokenizer, whatever the script.
    return "g" + "".join(f"{ord(char):06x}" for char in gram)


def gram_tokens(value: str | None) -> str:
    """The SQLite index's document for ``value``: its grams as space-separated tokens."""
    return " ".join(sorted(token(g) for g in grams(value or "")))


def register_sqlite_functions(dbapi_connection: Any) -> None:
    """The functions the SQLite triggers and queries call (registered on every connection)."""
    dbapi_connection.create_function("assist_grams", 1, gram_tokens, deterministic=True)
    dbapi_connection.create_function(
        "assist_norm", 1, lambda v: None if v is None else normalize(v), deterministic=True
    )


def contains(position: str, columns: Iterable[str], alias: str = "") -> str:
    """SQL that is true when any of ``columns`` (normalized) holds ``:needle``; ``position``
    is the dialect's substring function (``strpos`` on PostgreSQL, ``instr`` on SQLite)."""
    prefix = f"{alias}." if alias else ""
    checks = (f"{position}(assist_norm({prefix}{column}), :needle) > 0" for column in columns)
    return "(" + " OR ".join(checks) + ")"
