"""Agents read and correct the customer history over the protocol: the Customer panel's
record and timeline, a past session in full, search, re-link and merge. On SQLite and
PostgreSQL, against the server's real handlers."""

from __future__ import annotations

from signaling import protocol as p
from signaling.server import SignalingServer
from signaling.store import history
from signaling.store.db import Database
from tests.helpers.wsclient import Client, admitted_session


async def chat_visit(url: str, lines: list[str], note: str, **contact: str) -> tuple[str, int]:
    """A session in which the agent writes ``lines`` and a private ``note``."""
    async with Client(url, "a") as agent, Client(url, "c") as customer:
        created = await admitted_session(agent, customer, **contact)
        sid = created.session_id
        identified = await agent.expect(p.CustomerIdentified, session_id=sid)
        for number, line in enumerate(lines):
            rid = await agent.request("chat", session_id=sid, msg_id=f"m{number}", text=line)
            await agent.expect(p.ChatMessage, re=rid)
        rid = await agent.request("note", session_id=sid, note_id="n1", text=note)
        await agent.expect(p.NoteSaved, re=rid)
        rid = await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded, session_id=sid)
    return sid, identified.customer_id


async def test_the_customer_record_search_and_a_past_session(
    history_server: tuple[SignalingServer, Database],
) -> None:
    running, database = history_server
    assert database.engine.dialect.name in {"sqlite", "postgresql"}
    first, customer = await chat_visit(
        running.url, ["画面を共有してください"], "返金を希望。来週連絡", email="h@example.jp"
    )
    second, again = await chat_visit(
        running.url, ["もう一度お願いします"], "カメラの問題", email="h@example.jp"
    )
    assert again == customer
    async with Client(running.url, "a") as agent:
        await agent.hello("agent", "Ann Agent")
        record = await agent.expect(
            p.CustomerRecord, re=await agent.request("get_customer", customer_id=customer)
        )
        assert (record.customer.email, record.customer.sessions) == ("h@example.jp", 2)
        assert [s.session_id for s in record.sessions] == [second, first]  # newest first
        assert record.sessions[1].note_preview == "返金を希望。来週連絡"

        found = await agent.expect(p.SearchResults, re=await agent.request("search", query="返金"))
        assert [(h.kind, h.session_id, h.excerpt) for h in found.hits] == [
            ("note", first, "返金を希望。来週連絡")
        ]
        assert found.hits[0].customer_id == customer

        past = await agent.expect(
            p.SessionHistory, re=await agent.request("get_session", session_id=first)
        )
        assert [m.text for m in past.messages] == ["画面を共有してください"]
        assert [n.text for n in past.notes] == ["返金を希望。来週連絡"]
        assert {"created", "admitted", "ended"} <= {e.kind for e in past.events}


async def test_relink_and_merge_with_their_named_errors(
    history_server: tuple[SignalingServer, Database],
) -> None:
    running, database = history_server
    assert database.engine.dialect.name in {"sqlite", "postgresql"}
    stray, wrong = await chat_visit(running.url, ["hi"], "typed a stranger's number")
    _, right = await chat_visit(running.url, ["hello"], "the real one", customer_number="C-7")
    async with Client(running.url, "a") as agent:
        await agent.hello("agent", "Ann Agent")
        rid = await agent.request("relink_session", session_id=stray, customer_id=999_999)
        await agent.expect_error(p.ErrorCode.CUSTOMER_NOT_FOUND, re=rid)
        rid = await agent.request("relink_session", session_id="no-such", customer_id=right)
        await agent.expect_error(p.ErrorCode.NOT_FOUND, re=rid)
        rid = await agent.request("merge_customers", source_id=right, target_id=right)
        await agent.expect_error(p.ErrorCode.MERGE_INTO_ITSELF, re=rid)

        rid = await agent.request("relink_session", session_id=stray, customer_id=right)
        await agent.expect(p.Ok, re=rid)
        rid = await agent.request("merge_customers", source_id=wrong, target_id=right)
        await agent.expect(p.Ok, re=rid)
        rid = await agent.request("get_customer", customer_id=wrong)
        await agent.expect_error(p.ErrorCode.CUSTOMER_NOT_FOUND, re=rid)
    with database.session() as session:
        record = history.session_record(session, stray)
        assert record is not None and (record.customer_id, record.identity_verified) == (
            right,
            True,
        )


async def test_customers_cannot_read_the_history(
    history_server: tuple[SignalingServer, Database],
) -> None:
    running, _ = history_server
    _, customer_id = await chat_visit(running.url, ["x"], "private", email="h@example.jp")
    async with Client(running.url, "c") as customer:
        await customer.hello("customer", "Mallory")
        for kind, fields in (
            ("get_customer", {"customer_id": customer_id}),
            ("search", {"query": "private"}),
            ("merge_customers", {"source_id": customer_id, "target_id": customer_id + 1}),
        ):
            rid = await customer.request(kind, **fields)
            await customer.expect_error(p.ErrorCode.FORBIDDEN, re=rid)
