"""An administrator's erasure reaches the apps' outboxes: nothing of an erased session stays
on the agent's or the customer's computer. A real server process and the admin command."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.customer import CustomerClient
from assist.core.outbox import Outbox
from assist.core.synthetic import SyntheticGrabber
from tests.helpers.accounts import PASSWORD, seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled


class Events(list[ev.Event]):
    def __init__(self) -> None:
        super().__init__()
        self.changed = asyncio.Event()

    def emit(self, event: ev.Event) -> None:
        self.append(event)
        self.changed.set()

    async def first(self, kind: type[ev.Event]) -> ev.Event:
        async with asyncio.timeout(scaled(15)):
            while True:
                found = next((e for e in self if isinstance(e, kind)), None)
                if found is not None:
                    return found
                self.changed.clear()
                await self.changed.wait()


async def test_deleting_a_customer_purges_their_session_from_both_outboxes(
    tmp_path: Path,
) -> None:
    db_url = f"sqlite:///{tmp_path}/server.db"
    seed_database(db_url)
    server = ServerProcess("--org-name", "Acme Support", db_url=db_url)
    agent_box = Outbox(tmp_path / "outbox-agent.sqlite")
    customer_box = Outbox(tmp_path / "outbox-customer.sqlite")
    agent_events, customer_events = Events(), Events()
    agent = AgentClient(server.url, Password("taro", PASSWORD), agent_events.emit, outbox=agent_box)
    customer = CustomerClient(
        server.url, "佐藤 花子", customer_events.emit, SyntheticGrabber, outbox=customer_box
    )
    try:
        await agent.connect()
        session = await agent.new_session()
        sid = session.session_id
        await customer.connect()
        await customer.join(session.code, email="erase.me@example.jp")
        asked = await agent_events.first(ev.JoinRequested)
        assert isinstance(asked, ev.JoinRequested)
        await agent.admit(sid, asked.join_id)
        found = await agent_events.first(ev.CustomerIdentified)
        assert isinstance(found, ev.CustomerIdentified)
        # Unsent on both computers: the agent's note, and a message from an earlier run.
        agent_box.put_note(agent.outbox_scope, sid, "n-1", "電話番号 090-…")
        agent_box.put_note(agent.outbox_scope, "other-session", "n-2", "別のお客様のメモ")
        customer_box.add_chat(customer.outbox_scope, sid, "m-1", "住所は…", created_at=1.0)

        command = [sys.executable, "-m", "signaling.cli", "--db", db_url, "delete-customer",
                   str(found.customer.customer_id), "--yes"]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=scaled(60))
        assert done.returncode == 0, done.stderr

        for events in (agent_events, customer_events):
            purged = await events.first(ev.SessionsPurged)
            assert isinstance(purged, ev.SessionsPurged) and purged.session_ids == (sid,)
        assert agent_box.pending_notes(agent.outbox_scope, sid) == []
        assert customer_box.pending_chat(customer.outbox_scope) == []
        assert [n.text for n in agent_box.pending_notes(agent.outbox_scope)] == ["別のお客様のメモ"]
        assert sid not in customer.chats
    finally:
        await customer.close()
        await agent.close()
        server.kill()
        agent_box.close()
        customer_box.close()
