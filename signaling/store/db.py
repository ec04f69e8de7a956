"""Opening the server's database: SQLite by default, PostgreSQL by URL, always migrated."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from signaling.codes import CodedError
from signaling.store.grams import register_sqlite_functions

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class StoreError(CodedError[str]):
    """The database cannot be used; ``code`` names why (``database_too_new``, …)."""


def default_url() -> str:
    """SQLite in the platform's data folder (``~/.local/share/Assist/server.db`` on Linux)."""
    folder = Path(platformdirs.user_data_dir("Assist", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'server.db'}"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Database:
    """An engine plus sessions. Blocking: the server calls it from a worker thread."""

    def __init__(self, url: str) -> None:
        self.url = url
        # hide_parameters: an error message must never carry a code, a name or a reason.
        # pool_pre_ping: after a database restart, a pooled connection is found dead and
        # replaced before a request uses it, instead of failing that request.
        self.engine: Engine = create_engine(
            url, future=True, hide_parameters=True, pool_pre_ping=not url.startswith("sqlite")
        )
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite database's file; None for PostgreSQL, an in-memory SQLite, and a
        ``file:`` URI name (SQLite's own URI syntax, left to it)."""
        if self.engine.dialect.name != "sqlite":
            return None
        name = self.engine.url.database
        if not name or name == ":memory:" or name.startswith("file:"):
            return None
        return Path(name).resolve()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on an exception."""
        with self._sessions.begin() as session:
            yield session

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def upgrade(self) -> None:
        """Bring the schema to the newest revision; refuse a database newer than this code."""
        config = _alembic_config()
        heads = set(ScriptDirectory.from_config(config).get_heads())
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        current = self.revision()
        if current is not None and current not in known:
            raise StoreError(
                "database_too_new",
                f"the database is at revision {current}, newer than this server knows "
                f"({', '.join(sorted(heads))}); upgrade the server",
            )
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        logger.info("Database at revision %s", ", ".join(sorted(heads)))

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, upgrade: bool = True) -> Database:
    """Open (and by default migrate) the database; raises ``StoreError`` with a reason."""
    database = Database(url or default_url())
    try:
        if upgrade:
            database.upgrade()
    except SQLAlchemyError as exc:
        database.close()
        raise StoreError("database_unavailable", str(exc).splitlines()[0]) from None
    except StoreError:
        database.close()
        raise
    return database


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    register_sqlite_functions(connection)
