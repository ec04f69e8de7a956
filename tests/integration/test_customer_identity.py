"""Customers are linked to their record by what they type; a match stays unverified until
the agent confirms it. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from signaling import protocol as p
from signaling.server import ServerConfig, SignalingServer
from signaling.store import history
from signaling.store.db import Database, open_database
from tests.helpers.accounts import seed_database
from tests.helpers.wsclient import Client


@pytest.fixture(params=["sqlite", "postgresql"])
async def server(
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
        for table in ("session_events", "notes", "messages", "sessions", "customers"):
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


async def test_a_returning_customer_is_matched_but_unverified_until_confirmed(
    server: tuple[SignalingServer, Database],
) -> None:
    running, database = server
    first_sid, first, agent = await visit(running.url, email="Hanako@Example.JP")
    assert not first.matched and first.past_sessions == 0
    assert first.email == "hanako@example.jp"  # normalised
    await agent.close()

    second_sid, second, agent = await visit(running.url, email=" hanako@example.jp ")
    assert second.matched and second.customer_id == first.customer_id
    assert (second.past_sessions, second.verified) == (1, False)
    with database.session() as session:
        record = history.session_record(session, second_sid)
        assert record is not None and not record.identity_verified
    rid = await agent.request("confirm_identity", session_id=second_sid)
    await agent.expect(p.Ok, re=rid)
    await agent.close()
    with database.session() as session:
        record = history.session_record(session, second_sid)
        assert record is not None and record.identity_verified
        assert record.customer_id == first.customer_id
        kinds = [e.kind for e in history.events(session, second_sid)]
    assert "identity_confirmed" in kinds and first_sid != second_sid


async def test_customer_number_wins_and_no_contact_makes_a_new_record(
    server: tuple[SignalingServer, Database],
) -> None:
    running, _ = server
    _, numbered, agent = await visit(running.url, customer_number="C-1001", email="a@x.example")
    await agent.close()
    _, by_number, agent = await visit(running.url, customer_number="C-1001", email="b@y.example")
    assert by_number.matched and by_number.customer_id == numbered.customer_id
    await agent.close()
    _, anonymous, agent = await visit(running.url)
    assert not anonymous.matched and anonymous.customer_id != numbered.customer_id
    await agent.close()


async def test_an_invalid_email_is_named_and_someone_elses_session_cannot_be_confirmed(
    server: tuple[SignalingServer, Database],
) -> None:
    running, _ = server
    async with Client(running.url, "c") as customer:
        await customer.hello("customer", "Mallory")
        rid = await customer.request("join", code="123456789", email="not an address")
        await customer.expect_error(p.ErrorCode.EMAIL_INVALID, re=rid)
    sid, _, agent = await visit(running.url, email="hanako@example.jp")
    async with Client(running.url, "o") as other:
        await other.hello("agent", "Ann Agent")
        rid = await other.request("confirm_identity", session_id=sid)
        await other.expect_error(p.ErrorCode.NOT_FOUND, re=rid)
    await agent.close()
