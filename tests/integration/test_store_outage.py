"""The PostgreSQL server goes away mid-session: the server names the failure, keeps the live
session going, and once the database is back a resend is stored exactly once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from signaling import protocol as p
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.postgres import PostgresServer
from tests.helpers.server_process import ServerProcess
from tests.helpers.wsclient import Client, admitted_session


@pytest.fixture
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()  # its own cluster: this test stops it
    try:
        seed_database(server.url)
        yield server
    finally:
        server.remove()


async def test_an_unreachable_database_is_named_and_the_session_goes_on(
    postgres: PostgresServer,
) -> None:
    server = ServerProcess("--org-name", "Acme Support", db_url=postgres.url)
    try:
        async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
            created = await admitted_session(agent, customer, email="h@example.jp")
            sid = created.session_id
            identified = await agent.expect(p.CustomerIdentified, session_id=sid)
            postgres.stop()

            rid = await customer.request("chat", session_id=sid, msg_id="c1", text="聞こえますか")
            await customer.expect_error(p.ErrorCode.STORE_UNAVAILABLE, re=rid)
            rid = await agent.request("get_customer", customer_id=identified.customer_id)
            await agent.expect_error(p.ErrorCode.STORE_UNAVAILABLE, re=rid)
            # Negotiation and sharing do not need the database.
            await customer.send("share_status", session_id=sid, state="sharing")
            await agent.expect(p.ShareStatus, session_id=sid, state=p.ShareState.SHARING)

            postgres.start()
            rid = await customer.request("chat", session_id=sid, msg_id="c1", text="聞こえますか")
            stored = await customer.expect(p.ChatMessage, re=rid)
            assert stored.seq == 1
            assert (await agent.expect(p.ChatMessage, msg_id="c1")).text == "聞こえますか"
    finally:
        server.kill()
    database = open_database(postgres.url)
    try:
        assert database.engine.dialect.name == "postgresql"
        with database.session() as session:
            assert [m.msg_id for m in history.transcript(session, sid)] == ["c1"]
    finally:
        database.close()
