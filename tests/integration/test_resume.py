"""Sessions survive a lost connection and a killed server: both sides resume the same
session, get what they missed in order, and chat goes on numbered where it left off. A real
server process (SIGKILLed and restarted on the same store), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from signaling import protocol as p
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.wsclient import Client, admitted_session


async def chat(client: Client, sid: str, msg_id: str, text: str) -> p.ChatMessage:
    rid = await client.request("chat", session_id=sid, msg_id=msg_id, text=text)
    return await client.expect(p.ChatMessage, re=rid)


async def test_both_sides_resume_after_the_server_is_killed(history_db_url: str) -> None:
    server = ServerProcess("--org-name", "Acme Support", db_url=history_db_url)
    try:
        async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
            created = await admitted_session(agent, customer)
            sid = created.session_id
            await chat(agent, sid, "a1", "こんにちは")
            await customer.expect(p.ChatMessage, msg_id="a1")
            token = customer.admitted_token
            # Stored and acknowledged, but the agent never hears of it: the server dies.
            await chat(customer, sid, "c1", "画面が真っ黒です")
            server.kill()
    finally:
        server.kill()

    restarted = ServerProcess("--org-name", "Acme Support", db_url=history_db_url)
    try:
        async with Client(restarted.url, "c") as customer, Client(restarted.url, "a") as agent:
            await customer.hello("customer", "someone else")
            rid = await customer.request("resume", session_id=sid, resume_token=token, last_seq=2)
            back = await customer.expect(p.Resumed, re=rid)
            assert (back.seq, back.peer_present, back.customer_name) == (2, False, "佐藤 花子")

            await agent.hello("agent", "Taro")
            rid = await agent.request("resume", session_id=sid, last_seq=1)
            resumed = await agent.expect(p.Resumed, re=rid)
            assert resumed.peer_present
            missed = await agent.expect(p.ChatMessage, msg_id="c1")  # replayed from the store
            assert (missed.seq, missed.text) == (2, "画面が真っ黒です")
            assert (await customer.expect(p.PeerBack, session_id=sid)).role is p.Role.AGENT

            after = await chat(agent, sid, "a2", "再起動してみましょう")
            assert after.seq == 3
            assert (await customer.expect(p.ChatMessage, msg_id="a2")).seq == 3
            # A resend of a message stored before the crash is not stored twice.
            again = await chat(customer, sid, "c1", "画面が真っ黒です")
            assert again.seq == 2
    finally:
        restarted.kill()

    database = open_database(history_db_url)
    try:
        with database.session() as session:
            lines = [(m.seq, m.msg_id) for m in history.transcript(session, sid)]
    finally:
        database.close()
    assert lines == [(1, "a1"), (2, "c1"), (3, "a2")]


async def test_forged_foreign_and_expired_tokens_are_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    server = ServerProcess("--org-name", "Acme Support", "--resume-grace", "1", db_url=url)
    try:
        async with (
            Client(server.url, "a") as agent,
            Client(server.url, "c") as customer,
            Client(server.url, "b") as other_agent,
            Client(server.url, "o") as other_customer,
        ):
            first = await admitted_session(agent, customer)
            token = customer.admitted_token
            second = await admitted_session(other_agent, other_customer, agent_name="Ann Agent")
            await customer.abort()
            await agent.expect(p.PeerAway, session_id=first.session_id)
            async with Client(server.url, "m") as mallory:
                await mallory.hello("customer", "Mallory")
                for sid, forged in (
                    (first.session_id, token[:-2] + "xx"),
                    (first.session_id, other_customer.admitted_token),
                    (second.session_id, token),
                ):
                    rid = await mallory.request("resume", session_id=sid, resume_token=forged)
                    await mallory.expect_error(p.ErrorCode.RESUME_INVALID, re=rid)
            await agent.expect(p.SessionEnded, session_id=first.session_id, timeout=10)
            async with Client(server.url, "c2") as late:
                await late.hello("customer", "佐藤 花子")
                rid = await late.request("resume", session_id=first.session_id, resume_token=token)
                await late.expect_error(p.ErrorCode.RESUME_EXPIRED, re=rid)
    finally:
        server.kill()
