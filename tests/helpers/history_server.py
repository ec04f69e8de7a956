"""A signaling server in this process on SQLite or PostgreSQL, and one customer's visit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from signaling import protocol as p
from signaling.server import ServerConfig, SignalingServer
from signaling.store.db import Database, open_database
from tests.conftest import HISTORY_TABLES
from tests.helpers.accounts import seed_database
from tests.helpers.wsclient import Client


@pytest.fixture(params=["sqlite", "postgresql"])
async def history_server(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[SignalingServer, Database]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/server.db"
    else:
        url = request.getfixturevalue("postgres_url")
    seed_database(url)
    database = open_database(url)
    assert database.engine.dialect.name == request.param
    running = SignalingServer(ServerConfig(port=0), database)
    await running.start()
    yield running, database
    await running.close()
    with database.engine.begin() as connection:  # the PostgreSQL database is shared
        for table in HISTORY_TABLES:
            connection.exec_driver_sql(f"DELETE FROM {table}")
    database.close()


async def visit(url: str, **contact: str) -> tuple[str, p.CustomerIdentified, Client]:
    """One session: the customer joins with ``contact``, the agent admits; the agent's
    connection stays open (returned) so the test can confirm the identity."""
    agent = Client(url, "a")
    await agent.connect()
    await agent.hello("agent", "Taro")
    created = await agent.expect(p.SessionCreated, re=await agent.request("create_session"))
    async with Client(url, "c") as customer:
        await customer.hello("customer", "佐藤 花子")
        join = await customer.request("join", code=created.code, **contact)
        await customer.expect(p.JoinPending, re=join)
        asked = await agent.expect(p.JoinRequest)
        await agent.request("admit", session_id=created.session_id, join_id=asked.join_id)
        await agent.expect(p.Admitted)
        identified = await agent.expect(p.CustomerIdentified, session_id=created.session_id)
    # The customer has left; the agent may still confirm (as it may write the wrap-up).
    await agent.expect(p.SessionEnded, session_id=created.session_id)
    return created.session_id, identified, agent
