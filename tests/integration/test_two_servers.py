"""Two servers on one database (issue 13): a server never closes or restores the sessions of
another server that is running. On SQLite the second server is refused by name
(``database_in_use``) while admin commands still work; on PostgreSQL both run, and a server
restores at start only what a server that is gone left open. Real server processes."""

from __future__ import annotations

import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from signaling import protocol as p
from signaling.store import history
from signaling.store.db import open_database
from tests.helpers.accounts import seed_database
from tests.helpers.server_process import ROOT, ServerProcess
from tests.helpers.waits import scaled, until
from tests.helpers.wsclient import Client, admitted_session

ORG = ("--org-name", "Acme Support")


def assist_signaling(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``assist-signaling --db URL ARGS`` run to its end."""
    return subprocess.run(
        [sys.executable, "-m", "signaling.cli", "--db", url, *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=scaled(60),
    )


def end_reasons(url: str, *session_ids: str) -> dict[str, str | None]:
    """Each session's end reason in the store (None: still live)."""
    database = open_database(url, upgrade=False)
    try:
        with database.session() as session:
            records = {sid: history.session_record(session, sid) for sid in session_ids}
            assert all(records.values()), records
            return {sid: r.end_reason for sid, r in records.items() if r is not None}
    finally:
        database.close()


async def chat(client: Client, sid: str, msg_id: str, text: str) -> p.ChatMessage:
    rid = await client.request("chat", session_id=sid, msg_id=msg_id, text=text)
    return await client.expect(p.ChatMessage, re=rid)


async def resume(url: str, sid: str, token: str, last_seq: int) -> p.Resumed:
    async with Client(url, "back") as customer:
        await customer.hello("customer", "佐藤 花子")
        rid = await customer.request(
            "resume", session_id=sid, resume_token=token, last_seq=last_seq
        )
        return await customer.expect(p.Resumed, re=rid)


# ---------------------------------------------------------------------------------- SQLite


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    return url


async def test_a_second_server_on_the_sqlite_file_is_refused_and_the_first_keeps_its_session(
    sqlite_url: str,
) -> None:
    first = ServerProcess(*ORG, db_url=sqlite_url)
    try:
        async with Client(first.url, "a") as agent, Client(first.url, "c") as customer:
            sid = (await admitted_session(agent, customer)).session_id
            token = customer.admitted_token

            second = assist_signaling(sqlite_url, "serve", "--host", "127.0.0.1", "--port", "0")
            assert second.returncode == 2, second.stderr
            assert "database_in_use" in second.stderr
            assert f"(pid {first.process.pid})" in second.stderr
            assert "Stop it first, or give this one its own --db." in second.stderr

            # The first server's session goes on, live in the store.
            assert (await chat(customer, sid, "c1", "まだつながっていますか")).seq == 1
            assert (await agent.expect(p.ChatMessage, msg_id="c1")).seq == 1
            assert end_reasons(sqlite_url, sid) == {sid: None}
            first.kill()  # SIGKILL: the kernel drops the lock with the process
    finally:
        first.kill()

    restarted = ServerProcess(*ORG, db_url=sqlite_url)
    try:
        assert "Restored 1 live session(s)" in restarted.output
        back = await resume(restarted.url, sid, token, last_seq=1)
        assert (back.session_id, back.seq) == (sid, 1)
    finally:
        restarted.kill()


async def test_admin_commands_work_while_the_server_runs(sqlite_url: str) -> None:
    server = ServerProcess(*ORG, db_url=sqlite_url)
    try:
        async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
            created = await admitted_session(agent, customer, email="hanako@example.jp")
            sid = created.session_id
            customer_id = str(
                (await agent.expect(p.CustomerIdentified, session_id=sid)).customer_id
            )
            listed = assist_signaling(sqlite_url, "users", "list")
            assert listed.returncode == 0, listed.stderr
            assert "taro" in listed.stdout
            found = assist_signaling(sqlite_url, "find-customer", "hanako@example.jp")
            assert found.returncode == 0, found.stderr
            assert found.stdout.split()[0] == customer_id, found.stdout
            for command in (
                ("export-customer", customer_id),
                ("reports", "list"),
                ("purge-history", "--older-than-days", "3650"),
                ("db", "upgrade"),
            ):
                done = assist_signaling(sqlite_url, *command)
                assert done.returncode == 0, (command, done.stderr)
            assert (await chat(customer, sid, "c1", "はい")).seq == 1
    finally:
        assert server.terminate() == 0, server.output


# ------------------------------------------------------------------------------ PostgreSQL


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[str]:
    """A database of its own in the run's PostgreSQL server (no other test's sessions)."""
    name = f"assist_two_{secrets.token_hex(4)}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
        url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
        seed_database(url)
        yield url
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    finally:
        admin.dispose()


async def test_two_servers_on_postgresql_leave_each_others_sessions_alone(
    postgres_db: str,
) -> None:
    first = ServerProcess(*ORG, db_url=postgres_db)
    try:
        async with Client(first.url, "a") as agent, Client(first.url, "c") as customer:
            sid = (await admitted_session(agent, customer)).session_id
            rid = await agent.request("create_session")  # a second one, waiting for a join
            waiting = await agent.expect(p.SessionCreated, re=rid)

            second = ServerProcess(*ORG, db_url=postgres_db)
            try:
                assert "Restored" not in second.output  # its start is over: it is listening
                assert end_reasons(postgres_db, sid, waiting.session_id) == {
                    sid: None,
                    waiting.session_id: None,
                }
                async with Client(second.url, "b") as other, Client(second.url, "o") as guest:
                    await admitted_session(other, guest, agent_name="Ann Agent")
            finally:
                assert second.terminate() == 0, second.output

            # Neither the second's start nor its stop touched the first's sessions.
            assert (await chat(customer, sid, "c1", "聞こえますか")).seq == 1
            assert (await agent.expect(p.ChatMessage, msg_id="c1")).seq == 1
            async with Client(first.url, "j") as late:
                await late.hello("customer", "山田 花子")
                await late.expect(p.JoinPending, re=await late.request("join", code=waiting.code))
                await agent.expect(p.JoinRequest, session_id=waiting.session_id)
            assert end_reasons(postgres_db, sid) == {sid: None}
    finally:
        first.kill()


async def test_postgresql_restores_the_sessions_of_a_server_whose_heartbeat_is_stale(
    postgres_db: str,
) -> None:
    first = ServerProcess(*ORG, "--owner-timeout", "2", db_url=postgres_db)
    try:
        async with Client(first.url, "a") as agent, Client(first.url, "c") as customer:
            sid = (await admitted_session(agent, customer)).session_id
            token = customer.admitted_token
            await chat(customer, sid, "c1", "画面が固まりました")
            # Frozen, not dead: its process still runs, only its heartbeat tells.
            first.process.send_signal(signal.SIGSTOP)
            await heartbeat_older_than(postgres_db, seconds=2)

            second = ServerProcess(*ORG, "--owner-timeout", "2", db_url=postgres_db)
            try:
                assert "Restored 1 live session(s)" in second.output
                back = await resume(second.url, sid, token, last_seq=1)
                assert (back.session_id, back.seq) == (sid, 1)
            finally:
                second.kill()
    finally:
        first.kill()


async def test_postgresql_restores_a_killed_servers_sessions_at_once_on_this_machine(
    postgres_db: str,
) -> None:
    first = ServerProcess(*ORG, db_url=postgres_db)  # the default bound: 30 s
    try:
        async with Client(first.url, "a") as agent, Client(first.url, "c") as customer:
            sid = (await admitted_session(agent, customer)).session_id
            token = customer.admitted_token
            first.kill()
    finally:
        first.kill()
    second = ServerProcess(*ORG, db_url=postgres_db)
    try:
        assert "Restored 1 live session(s)" in second.output
        assert (await resume(second.url, sid, token, last_seq=0)).session_id == sid
    finally:
        second.kill()


async def heartbeat_older_than(url: str, seconds: float) -> None:
    """Wait until every server's heartbeat in the store is older than ``seconds`` (by the
    database's clock, as servers judge it)."""
    fresh = text(
        "SELECT count(*) FROM server_owners WHERE heartbeat_at > now() - make_interval(secs => :s)"
    )
    engine = create_engine(url)

    def all_older() -> bool:
        with engine.connect() as connection:
            return not connection.execute(fresh, {"s": seconds}).scalar_one()

    try:
        await until(all_older, 30, f"every heartbeat older than {seconds} s", every=0.1)
    finally:
        engine.dispose()
