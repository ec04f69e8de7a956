"""Fixtures for tests against the real signaling server process."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.helpers.history_server import history_server
from tests.helpers.server_process import ServerProcess, server_process

__all__ = ["history_server"]  # a fixture: SignalingServer in-process, SQLite and PostgreSQL

ORG_NAME = "Acme Support"


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
