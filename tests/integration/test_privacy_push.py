"""An administrator's erasure reaches live sessions and connected apps; the retention period
purges old transcripts by itself. A real server process and the real admin command."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from signaling import protocol as p
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.helpers.wsclient import Client, admitted_session

DAY = 24 * 3600.0


def admin(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "signaling.cli", "--db", db_url, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=scaled(60), check=False)


async def test_deleting_a_customer_ends_their_live_session_and_purges_every_app(
    tmp_path: Path,
) -> None:
    db_url = f"sqlite:///{tmp_path}/server.db"
    seed_database(db_url)
    server = ServerProcess("--org-name", "Acme Support", db_url=db_url)
    try:
        async with (
            Client(server.url, "a") as agent,
            Client(server.url, "c") as customer,
            Client(server.url, "o") as bystander,
        ):
            await bystander.hello("agent", "Ann Agent")
            created = await admitted_session(agent, customer, email="erase.me@example.jp")
            identified = await agent.expect(p.CustomerIdentified, session_id=created.session_id)
            rid = await customer.request(
                "chat", session_id=created.session_id, msg_id="m1", text="私の電話番号は…"
            )
            await customer.expect(p.ChatMessage, re=rid)
            await agent.expect(p.ChatMessage, msg_id="m1")

            done = admin(db_url, "delete-customer", str(identified.customer_id), "--yes")
            assert done.returncode == 0, done.stderr

            for side in (agent, customer):
                ended = await side.expect(p.SessionEnded, timeout=scaled(10))
                assert ended.reason is p.EndReason.DATA_DELETED
            for side in (agent, customer, bystander):
                purge = await side.expect(p.Purge, timeout=scaled(10))
                assert purge.session_ids == [created.session_id]
                assert purge.reason == "customer_deleted"
        # The erasure's end is recorded before it is delivered, and the purge logged after;
        # a graceful stop waits for what the clients' leaving recorded too: the whole log.
        server.expect_log(re.compile(r"Purged 1 session\(s\): customer_deleted"))
        assert server.terminate() == 0, server.output
        assert "Cannot record" not in server.output  # nothing half-written for the erased
    finally:
        server.kill()
    database = open_database(db_url)
    try:
        with database.session() as session:
            assert history.session_record(session, created.session_id) is None
            assert history.transcript(session, created.session_id) == []
    finally:
        database.close()


def old_session(db_url: str, session_id: str, days_ago: float) -> None:
    at = time.time() - days_ago * DAY
    database = open_database(db_url)
    try:
        with database.session() as session:
            history.session_created(session, session_id, "taro", "Taro", at)
            message = history.StoredMessage(session_id, 1, "m1", "customer", "花子", "古い話", at)
            history.store_message(session, message)
            history.save_note(session, session_id, "n1", "taro", "古いメモ", at)
            history.session_ended(session, session_id, "agent_ended", at + 60)
    finally:
        database.close()


async def test_the_retention_period_purges_old_transcripts_on_its_own(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/server.db"
    seed_database(db_url)
    old_session(db_url, "old", days_ago=40)
    old_session(db_url, "recent", days_ago=3)
    server = ServerProcess("--org-name", "Acme Support", "--retention-days", "30", db_url=db_url)
    try:
        async with Client(server.url, "a") as agent:
            await agent.hello("agent", "Taro")
            # The first purge runs as the server starts, and is logged once written; the store
            # is what a user would check.
            server.expect_log(re.compile(r"Retention: purged \d+ session\(s\)"))
            database = open_database(db_url)
            try:
                with database.session() as session:
                    old = history.transcript(session, "old")
                    recent = history.transcript(session, "recent")
                    kept = history.session_record(session, "old")
                    old_notes = history.notes(session, "old")
            finally:
                database.close()
            assert old == [] and old_notes == []
            assert kept is not None and kept.ended_at is not None  # the row stays for counts
            assert [m.text for m in recent] == ["古い話"]
    finally:
        server.kill()
