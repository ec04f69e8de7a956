"""Chat is stored before anyone hears of it, on SQLite and on PostgreSQL, and a store that
cannot write says so by name while the live session goes on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event, text

from signaling import protocol as p
from signaling.server import ServerConfig, SignalingServer
from signaling.store import history
from signaling.store.db import Database, open_database
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.wsclient import Client, admitted_session


async def admitted(agent: Client, customer: Client) -> str:
    return (await admitted_session(agent, customer)).session_id


def load(url: str, session_id: str) -> tuple[list[history.StoredMessage], list[str], object]:
    database = open_database(url)
    try:
        with database.session() as session:
            record = history.session_record(session, session_id)
            kinds = [e.kind for e in history.events(session, session_id)]
            return history.transcript(session, session_id), kinds, record
    finally:
        database.close()


async def test_an_acknowledged_message_survives_a_killed_server(history_db_url: str) -> None:
    server = ServerProcess("--org-name", "Acme Support", db_url=history_db_url)
    try:
        async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
            sid = await admitted(agent, customer)
            await customer.send("share_status", session_id=sid, state="sharing")
            await agent.expect(p.ShareStatus)
            rid = await customer.request(
                "chat", session_id=sid, msg_id="c-1", text="画面が真っ黒です"
            )
            await customer.expect(p.ChatMessage, re=rid)  # the ack
            server.kill()  # SIGKILL: nothing after the ack may be needed
    finally:
        server.kill()
    messages, kinds, record = load(history_db_url, sid)
    assert [(m.seq, m.sender, m.text) for m in messages] == [(1, "customer", "画面が真っ黒です")]
    assert kinds[:2] == ["created", "admitted"] and {"identified", "sharing"} <= set(kinds)
    assert record.customer_name == "佐藤 花子"
    assert record.agent_username == "taro"
    expected = "postgresql" if history_db_url.startswith("postgresql") else "sqlite"
    database = open_database(history_db_url)
    assert database.engine.dialect.name == expected  # which backend this run exercised
    database.close()


@pytest.fixture
async def full_store(tmp_path: object) -> Iterator[tuple[SignalingServer, Database]]:
    url = f"sqlite:///{tmp_path}/full.db"
    seed_database(url)
    database = open_database(url)
    server = SignalingServer(ServerConfig(port=0), database)
    await server.start()
    yield server, database
    await server.close()
    database.close()


def fill_up(database: Database, full: bool) -> None:
    """SQLite's max_page_count: at the current size the file cannot grow (a full disk)."""
    with database.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()
    limit = int(pages) if full else 1_000_000

    def cap(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={limit}")  # type: ignore[attr-defined]

    event.listen(database.engine, "connect", cap)
    database.engine.dispose()  # new connections get the cap


async def test_a_full_store_refuses_by_name_and_the_resend_works_later(
    full_store: tuple[SignalingServer, Database],
) -> None:
    server, database = full_store
    async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
        sid = await admitted(agent, customer)
        fill_up(database, full=True)
        long = "長い説明です。" * 1100  # under 8000 characters, over a page
        rid = await customer.request("chat", session_id=sid, msg_id="c-1", text=long)
        await customer.expect_error(p.ErrorCode.STORE_UNAVAILABLE, re=rid)
        # The live session goes on: relay still works, and the agent never saw the message.
        await customer.send("share_status", session_id=sid, state="paused")
        shared = await agent.expect(p.ShareStatus)
        assert shared.state is p.ShareState.PAUSED
        fill_up(database, full=False)
        rid = await customer.request("chat", session_id=sid, msg_id="c-1", text=long)
        ack = await customer.expect(p.ChatMessage, re=rid)
        forwarded = await agent.expect(p.ChatMessage)
        assert ack.seq == forwarded.seq == 1 and forwarded.text == long
    with database.session() as session:
        assert [m.msg_id for m in history.transcript(session, sid)] == ["c-1"]


async def test_notes_are_the_agents_own(full_store: tuple[SignalingServer, Database]) -> None:
    server, database = full_store
    async with (
        Client(server.url, "a") as agent,
        Client(server.url, "c") as customer,
        Client(server.url, "b") as other,
    ):
        sid = await admitted(agent, customer)
        rid = await customer.request("note", session_id=sid, note_id="n", text="x")
        await customer.expect_error(p.ErrorCode.FORBIDDEN, re=rid)
        await other.hello("agent", "Ann Agent")
        rid = await other.request("note", session_id=sid, note_id="n", text="x")
        await other.expect_error(p.ErrorCode.NOT_FOUND, re=rid)
        rid = await agent.request("note", session_id=sid, note_id="n", text="x" * 20001)
        await agent.expect_error(p.ErrorCode.TOO_LARGE, re=rid)
        rid = await agent.request("note", session_id=sid, note_id="n", text="first")
        await agent.expect(p.NoteSaved, re=rid)
        await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded)
        # Finishing the note after the end is normal: it is still kept, replacing the draft.
        rid = await agent.request("note", session_id=sid, note_id="n", text="final words")
        await agent.expect(p.NoteSaved, re=rid)
    with database.session() as session:
        assert [n.text for n in history.notes(session, sid)] == ["final words"]


async def test_wrap_up_and_rating_belong_to_their_side(
    full_store: tuple[SignalingServer, Database],
) -> None:
    server, database = full_store
    async with (
        Client(server.url, "a") as agent,
        Client(server.url, "c") as customer,
        Client(server.url, "b") as other,
    ):
        sid = await admitted(agent, customer)
        await other.hello("agent", "Ann Agent")
        wrap = {"session_id": sid, "category": "Camera problem", "outcome": "follow_up"}
        rid = await other.request("wrap_up", **wrap)
        await other.expect_error(p.ErrorCode.NOT_FOUND, re=rid)
        rid = await customer.request("wrap_up", **wrap)
        await customer.expect_error(p.ErrorCode.FORBIDDEN, re=rid)
        rid = await customer.request("rate", session_id=sid, rating=6)
        await customer.expect_error(p.ErrorCode.BAD_MESSAGE, re=rid)
        await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded)
        await customer.expect(p.SessionEnded)
        rid = await agent.request("wrap_up", tags=["usb"], **wrap)  # after the end: fine
        await agent.expect(p.Ok, re=rid)
        rid = await customer.request("rate", session_id=sid, rating=4, comment="ok")
        await customer.expect(p.Ok, re=rid)
        rid = await customer.request("rate", session_id=sid, rating=1)
        await customer.expect_error(p.ErrorCode.WRONG_STATE, re=rid)  # once
    with database.session() as session:
        record = history.session_record(session, sid)
        assert record is not None
        assert (record.outcome, record.tags, record.rating) == ("follow_up", ["usb"], 4)
        kinds = [e.kind for e in history.events(session, sid)]
        assert {"wrapped_up", "rated", "ended"} <= set(kinds)
