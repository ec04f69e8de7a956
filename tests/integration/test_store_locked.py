"""Another process holds the SQLite store locked (say, an administrator's long transaction):
chat is refused by name after the busy timeout, and stored once the lock is gone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from signaling import protocol as p
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.wsclient import Client, admitted_session


async def test_a_locked_database_is_named_and_a_resend_lands_once(tmp_path: Path) -> None:
    path = tmp_path / "server.db"
    seed_database(f"sqlite:///{path}")
    server = ServerProcess("--org-name", "Acme Support", db_url=f"sqlite:///{path}")
    try:
        async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
            sid = (await admitted_session(agent, customer)).session_id
            lock = sqlite3.connect(path, isolation_level=None)
            lock.execute("BEGIN EXCLUSIVE")
            try:
                rid = await customer.request("chat", session_id=sid, msg_id="c1", text="もしもし")
                await customer.expect_error(p.ErrorCode.STORE_UNAVAILABLE, re=rid, timeout=20)
            finally:
                lock.execute("ROLLBACK")
                lock.close()
            rid = await customer.request("chat", session_id=sid, msg_id="c1", text="もしもし")
            assert (await customer.expect(p.ChatMessage, re=rid)).seq == 1
            assert (await agent.expect(p.ChatMessage, msg_id="c1")).seq == 1
    finally:
        server.kill()
