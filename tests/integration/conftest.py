"""Fixtures for tests against the real signaling server process."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from assist.qt.bridge import AsyncioThread
from tests.helpers.history_server import history_server
from tests.helpers.live import live
from tests.helpers.server_process import ServerProcess, server_process
from tests.helpers.waits import scaled
from tests.integration.test_agent_console import Console

# Fixtures: SignalingServer in-process (SQLite and PostgreSQL); two clients admitted.
__all__ = ["history_server", "live"]

ORG_NAME = "Acme Support"


@pytest.fixture
def console(qtbot: QtBot, runner: AsyncioThread, org_server: ServerProcess) -> Iterator[Console]:
    """The real agent console signed in to ``org_server`` (closed afterwards)."""
    console = Console(qtbot, runner, org_server.url)
    yield console
    runner.run(console.client.close(), timeout=scaled(10))


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
