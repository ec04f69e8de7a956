"""Fixtures for tests against the real signaling server process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from signaling.store.db import open_database
from tests.conftest import HISTORY_TABLES
from tests.helpers.accounts import seed_database
from tests.helpers.history_server import history_server
from tests.helpers.server_process import ServerProcess, server_process

__all__ = ["history_server"]  # a fixture: SignalingServer in-process, SQLite and PostgreSQL

ORG_NAME = "Acme Support"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A seeded store for server processes, on each backend (emptied afterwards); the test
    fails unless it really ran on that dialect."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/server.db"
    else:
        url = request.getfixturevalue("postgres_url")
    seed_database(url)
    yield url
    database = open_database(url, upgrade=False)
    try:
        assert database.engine.dialect.name == request.param
        with database.engine.begin() as connection:
            for table in HISTORY_TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
    finally:
        database.close()


@pytest.fixture
def start_server() -> Iterator[Callable[..., ServerProcess]]:
    """Start extra servers (with extra options) a test may kill; whatever is left is killed
    afterwards."""
    started: list[ServerProcess] = []

    def start(*options: str) -> ServerProcess:
        started.append(ServerProcess("--org-name", ORG_NAME, *options))
        return started[-1]

    yield start
    for server in started:
        server.kill()


@pytest.fixture
def server() -> Iterator[ServerProcess]:
    """A fresh server per test (rate limits are per address, and every test is 127.0.0.1)."""
    process = ServerProcess("--org-name", ORG_NAME)
    try:
        yield process
    finally:
        code = process.terminate()
    assert code == 0, f"server exited with {code}:\n{process.output}"


@pytest.fixture(scope="module")
def org_server() -> Iterator[ServerProcess]:
    """One server for a whole module, for tests that do not count on fresh rate limits."""
    with server_process("--org-name", ORG_NAME) as running:
        yield running
