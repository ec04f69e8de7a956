"""A store that cannot grow, as on a full disk: SQLite's ``max_page_count`` at its size."""

from __future__ import annotations

from sqlalchemy import event, text

from signaling.store.db import Database


def set_full(database: Database, full: bool) -> None:
    """From now on every write that needs a new page fails (``full``), or none does."""
    with database.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    limit = int(pages) if full else 1_000_000

    def cap(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={limit}")  # type: ignore[attr-defined]

    event.listen(database.engine, "connect", cap)
    database.engine.dispose()  # new connections get the cap
