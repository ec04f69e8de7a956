"""Chat goes through each app's outbox: kept until the server numbered it, sent again when
the store works again or after a restart, and never delivered twice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import ANY

import pytest

from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.customer import CustomerClient
from assist.core.errors import AssistError
from assist.core.outbox import Outbox
from assist.core.synthetic import SyntheticGrabber
from signaling import protocol as p
from signaling.server import ServerConfig, SignalingServer
from signaling.store import history
from signaling.store.db import Database, open_database
from tests.helpers.accounts import PASSWORD, seed_database
from tests.helpers.full_store import set_full
from tests.helpers.sides import Side

#: Over a page of the store: it needs a page a full store cannot give.
LONG = "プリンターの設定画面が開きません。" * 400


@dataclass
class Session:
    database: Database
    session_id: str
    agent: AgentClient
    customer: CustomerClient
    agent_side: Side
    customer_side: Side


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Session]:
    """An admitted session on an in-process server whose store the test can fill up; each
    side with its own outbox file."""
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    database = open_database(url)
    server = SignalingServer(ServerConfig(port=0), database)
    await server.start()
    agent_side = Side(Outbox(tmp_path / "outbox-agent.sqlite"))
    customer_side = Side(Outbox(tmp_path / "outbox-customer.sqlite"))
    credentials = Password("taro", PASSWORD)
    agent = AgentClient(server.url, credentials, agent_side.emit, outbox=agent_side.outbox)
    customer = CustomerClient(
        server.url, "Hanako", customer_side.emit, SyntheticGrabber, outbox=customer_side.outbox
    )
    await agent.connect()
    created = await agent.new_session()
    await customer.connect()
    await customer.join(created.code)
    await agent_side.wait_for(lambda: join_request(agent_side) is not None)
    request = join_request(agent_side)
    assert request is not None
    await agent.admit(created.session_id, request.join_id)
    await customer_side.wait_for(lambda: customer.session_id is not None)
    yield Session(database, created.session_id, agent, customer, agent_side, customer_side)
    await customer.close()
    await agent.close()
    await server.close()
    database.close()
    agent_side.outbox.close()
    customer_side.outbox.close()


def join_request(side: Side) -> ev.JoinRequested | None:
    return next((e for e in side.events if isinstance(e, ev.JoinRequested)), None)


def transcript(database: Database, session_id: str) -> list[tuple[int, str, str]]:
    with database.session() as db:
        return [(m.seq, m.msg_id, m.text) for m in history.transcript(db, session_id)]


async def test_an_acknowledged_message_leaves_the_outbox(session: Session) -> None:
    sid, customer, agent = session.session_id, session.customer_side, session.agent_side
    entry = await session.customer.send_chat(sid, "画面が真っ白です")
    await agent.wait_for(lambda: bool(agent.numbered(entry.msg_id)))
    assert customer.outbox.pending_chat(session.customer.outbox_scope) == []
    reply = await session.agent.send_chat(sid, "確認します")
    await customer.wait_for(lambda: bool(customer.numbered(reply.msg_id)))
    assert agent.outbox.pending_chat(session.agent.outbox_scope) == []
    assert [m[2] for m in transcript(session.database, sid)] == ["画面が真っ白です", "確認します"]


async def test_a_message_the_store_refused_is_kept_and_arrives_once_when_it_recovers(
    session: Session,
) -> None:
    sid, customer, agent = session.session_id, session.customer_side, session.agent_side
    set_full(session.database, True)
    with pytest.raises(AssistError) as refused:
        await session.customer.send_chat(sid, LONG)
    assert refused.value.code is p.ErrorCode.STORE_UNAVAILABLE
    (kept,) = customer.outbox.pending_chat(session.customer.outbox_scope)
    assert (kept.session_id, kept.text) == (sid, LONG)
    (shown,) = session.customer.chats[sid].unsent
    assert shown.failed and shown.msg_id == kept.msg_id
    assert agent.numbered(kept.msg_id) == []

    set_full(session.database, False)
    # Nobody presses Retry: the client flushes its outbox again by itself.
    await customer.wait_for(lambda: bool(customer.numbered(kept.msg_id)))
    await agent.wait_for(lambda: bool(agent.numbered(kept.msg_id)))
    await session.agent.send_chat(sid, "届きました")  # anything after it arrives after it
    await customer.wait_for(lambda: len(session.customer.chats[sid].entries) == 2)
    assert [e.entry.seq for e in agent.numbered(kept.msg_id)] == [1]
    assert [m[:2] for m in transcript(session.database, sid)] == [(1, kept.msg_id), (2, ANY)]
    assert customer.outbox.pending_chat(session.customer.outbox_scope) == []
    assert session.customer.chats[sid].unsent == []


async def test_flushing_sends_what_an_earlier_run_left_in_order_under_the_same_ids(
    session: Session, tmp_path: Path
) -> None:
    sid, customer, agent = session.session_id, session.customer_side, session.agent_side
    scope = session.customer.outbox_scope
    # Written by an earlier run of the app: two messages of this session, one of another.
    earlier = Outbox(tmp_path / "outbox-customer.sqlite")
    earlier.add_chat(scope, sid, "c-1", "一通目", created_at=100.0)
    earlier.add_chat(scope, sid, "c-2", "二通目", created_at=101.0)
    earlier.add_chat(scope, "another-session", "c-9", "別のセッション", created_at=102.0)
    earlier.close()

    assert await session.customer.flush_outbox()
    await agent.wait_for(lambda: bool(agent.numbered("c-2")))
    # Shown as pending as they were typed (own ids and times), then numbered in order.
    updates = [e.entry for e in customer.events if isinstance(e, ev.ChatUpdated)]
    assert [(e.msg_id, e.ts) for e in updates if e.pending] == [("c-1", 100.0), ("c-2", 101.0)]
    shown = session.customer.chats[sid].entries
    assert [(e.msg_id, e.text, e.seq) for e in shown] == [
        ("c-1", "一通目", 1),
        ("c-2", "二通目", 2),
    ]
    left = customer.outbox.pending_chat(scope)
    assert [(c.session_id, c.msg_id) for c in left] == [("another-session", "c-9")]

    assert await session.customer.flush_outbox()  # nothing of this session goes twice
    await session.agent.send_chat(sid, "届きました")
    await customer.wait_for(lambda: len(session.customer.chats[sid].entries) == 3)
    assert [m[1:] for m in transcript(session.database, sid)] == [
        ("c-1", "一通目"),
        ("c-2", "二通目"),
        (ANY, "届きました"),
    ]


async def test_a_message_numbered_before_its_ack_was_written_is_only_cleared(
    session: Session,
) -> None:
    sid, customer, agent = session.session_id, session.customer_side, session.agent_side
    entry = await session.customer.send_chat(sid, "こんにちは")
    scope = session.customer.outbox_scope
    # As if the app died between the server's answer and clearing the outbox.
    customer.outbox.add_chat(scope, sid, entry.msg_id, entry.text, entry.ts)
    assert await session.customer.flush_outbox()
    assert customer.outbox.pending_chat(scope) == []
    await session.agent.send_chat(sid, "はい")
    await customer.wait_for(lambda: len(session.customer.chats[sid].entries) == 2)
    assert len(agent.numbered(entry.msg_id)) == 1
    assert [m[2] for m in transcript(session.database, sid)] == ["こんにちは", "はい"]


async def test_when_the_session_ends_unnumbered_chat_shows_as_not_sent_and_notes_stay(
    session: Session,
) -> None:
    sid, customer, agent = session.session_id, session.customer_side, session.agent_side
    agent.outbox.put_note(session.agent.outbox_scope, sid, "n-1", "途中のメモ")
    set_full(session.database, True)
    with pytest.raises(AssistError):
        await session.customer.send_chat(sid, LONG)
    await session.agent.end_session(sid)
    await customer.wait_for(lambda: any(isinstance(e, ev.SessionClosed) for e in customer.events))
    assert customer.outbox.pending_chat(session.customer.outbox_scope) == []
    (entry,) = session.customer.chats[sid].unsent
    assert entry.failed and entry.text == LONG
    # The agent may still save the note after the end: it stays until saved.
    (note,) = agent.outbox.pending_notes(session.agent.outbox_scope)
    assert (note.session_id, note.note_id, note.text) == (sid, "n-1", "途中のメモ")
