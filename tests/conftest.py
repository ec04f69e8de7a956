"""Suite-wide rules: widget tests run offscreen with private settings, and in CI a skipped
test fails the run."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assist.qt.bridge import AsyncioThread

# Before any QApplication exists: pure widget tests need no X server, and settings written
# by the apps under test must never touch the real user's configuration.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="assist-test-config-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="assist-test-data-")


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As the apps do (assist/qt/gc_collector.py): the cyclic collector never runs on its
    own, where it could start on a worker thread and destroy Qt objects off their thread;
    the main thread collects between tests instead."""
    from assist.qt.gc_collector import collect_if_due

    gc.disable()
    yield
    collect_if_due()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not os.environ.get("CI"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if reporter is not None:
            reporter.write_line(f"CI: {len(skipped)} skipped test(s) count as failures", red=True)


@pytest.fixture
def runner() -> Iterator[AsyncioThread]:
    """The apps' asyncio worker thread, as the GUI hands it coroutines."""
    from assist.qt.bridge import AsyncioThread

    thread = AsyncioThread()
    thread.start()
    yield thread
    thread.stop()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole run, started on first use."""
    from tests.helpers.postgres import postgres_instance

    with postgres_instance() as url:
        yield url


#: The customer-history tables, children first (for wiping the shared PostgreSQL database).
HISTORY_TABLES = ("session_events", "notes", "messages", "sessions", "customers")


@pytest.fixture(params=["sqlite", "postgresql"])
def history_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated store with the test accounts, on SQLite and on a real PostgreSQL; the
    history tables are wiped afterwards (the PostgreSQL database is shared by the run)."""
    from signaling.store.db import open_database
    from tests.helpers.accounts import seed_database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/server.db"
    else:
        url = request.getfixturevalue("postgres_url")
    seed_database(url)
    yield url
    database = open_database(url, upgrade=False)  # with the SQLite functions the triggers call
    try:
        assert database.engine.dialect.name == request.param
        with database.engine.begin() as connection:
            for table in HISTORY_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
    finally:
        database.close()
