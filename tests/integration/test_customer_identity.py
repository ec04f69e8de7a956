"""Customers are linked to their record by what they type; a match stays unverified until
the agent confirms it. On SQLite and PostgreSQL."""

from __future__ import annotations

from signaling import protocol as p
from signaling.server import SignalingServer
from signaling.store import history
from signaling.store.db import Database
from tests.helpers.history_server import visit
from tests.helpers.wsclient import Client


async def test_a_returning_customer_is_matched_but_unverified_until_confirmed(
    history_server: tuple[SignalingServer, Database],
) -> None:
    running, database = history_server
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
    history_server: tuple[SignalingServer, Database],
) -> None:
    running, _ = history_server
    _, numbered, agent = await visit(running.url, customer_number="C-1001", email="a@x.example")
    await agent.close()
    _, by_number, agent = await visit(running.url, customer_number="C-1001", email="b@y.example")
    assert by_number.matched and by_number.customer_id == numbered.customer_id
    await agent.close()
    _, anonymous, agent = await visit(running.url)
    assert not anonymous.matched and anonymous.customer_id != numbered.customer_id
    await agent.close()


async def test_an_invalid_email_is_named_and_someone_elses_session_cannot_be_confirmed(
    history_server: tuple[SignalingServer, Database],
) -> None:
    running, _ = history_server
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
