"""Two real clients in one admitted session on a real server process (synthetic screen)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.capture import Grabber
from assist.core.customer import CustomerClient
from assist.core.injection import Injector
from assist.core.outbox import Outbox
from assist.core.synthetic import SyntheticGrabber
from assist.core.x11_input import X11Injector
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD, seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.sides import Side

ORG = ("--org-name", "Acme Support")


@dataclass
class Live:
    server: ServerProcess
    session_id: str
    agent: AgentClient
    customer: CustomerClient
    agent_side: Side
    customer_side: Side

    def audit(self, kind: str) -> list[dict[str, Any]]:
        """The details of this session's audit events of ``kind``, read from the server's
        store, oldest first."""
        database = open_database(self.server.db_url)
        try:
            with database.session() as session:
                events = history.events(session, self.session_id)
                return [dict(e.detail) for e in events if e.kind == kind]
        finally:
            database.close()

    async def close(self) -> None:
        """Both clients, the server and the outboxes."""
        await self.customer.close()
        await self.agent.close()
        self.server.kill()
        self.agent_side.outbox.close()
        self.customer_side.outbox.close()

    def restart(self, *options: str) -> None:
        """Start the server again on the same port and store (it must be dead)."""
        self.server = ServerProcess(
            *ORG, *options, db_url=self.server.db_url, port=self.server.port
        )


async def admitted(
    server: ServerProcess,
    tmp_path: Path,
    injector: Callable[[], Injector] = X11Injector,
    grabber: Callable[[], Grabber] = SyntheticGrabber,
) -> Live:
    agent_side = Side(Outbox(tmp_path / "outbox-agent.sqlite"))
    customer_side = Side(Outbox(tmp_path / "outbox-customer.sqlite"))
    agent = AgentClient(
        server.url, Password("taro", PASSWORD), agent_side.emit, outbox=agent_side.outbox
    )
    customer = CustomerClient(
        server.url,
        "Hanako",
        customer_side.emit,
        grabber,
        outbox=customer_side.outbox,
        injector_factory=injector,
    )
    await agent.connect()
    created = await agent.new_session()
    await customer.connect()
    await customer.join(created.code, email="hanako@example.jp")
    await agent_side.wait_for(lambda: bool(agent_side.of(ev.JoinRequested)))
    await agent.admit(created.session_id, agent_side.of(ev.JoinRequested)[0].join_id)
    await customer_side.wait_for(lambda: customer.session_id is not None)
    return Live(server, created.session_id, agent, customer, agent_side, customer_side)


@asynccontextmanager
async def live_session(
    tmp_path: Path,
    injector: Callable[[], Injector] = X11Injector,
    grabber: Callable[[], Grabber] = SyntheticGrabber,
) -> AsyncIterator[Live]:
    """An admitted session on a fresh server with its own seeded SQLite store, closed after."""
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    state = await admitted(ServerProcess(*ORG, db_url=url), tmp_path, injector, grabber)
    try:
        yield state
    finally:
        await state.close()


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[Live]:
    async with live_session(tmp_path) as state:
        yield state
