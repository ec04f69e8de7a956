"""Who may restore a session: only the sessions of servers that are gone are taken over (no
owner row, a stale heartbeat, or a process on this machine that has ended), each by one
server; the SQLite lock file admits one server per database. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select

from signaling.ownership import DatabaseInUse, DatabaseLock, Ownership
from signaling.store import history, owners
from signaling.store.db import Database, open_database
from signaling.store.owners import Owner, process_gone, process_key, server_owners
from tests.helpers.waits import scaled

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime.now(UTC).timestamp()


@pytest.fixture
def database(history_db_url: str) -> Iterator[Database]:
    database = open_database(history_db_url)
    try:
        yield database
    finally:
        with database.session() as session:  # the PostgreSQL database is shared
            session.execute(delete(server_owners))
        database.close()


@pytest.fixture
def ended_process() -> str:
    """The process key of a server process that has exited."""
    child = subprocess.Popen(
        [sys.executable, "-c", "from signaling.store.owners import process_key as k; print(k())"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    key, _ = child.communicate(timeout=scaled(30))
    return key.strip()


def add_session(
    database: Database, session_id: str, owner_id: str | None, admitted: float | None = NOW
) -> None:
    with database.session() as session:
        created = (NOW if admitted is None else admitted) - 60
        history.session_created(session, session_id, "taro", "Taro", created)
        if owner_id is not None:
            owners.own(session, session_id, owner_id)
        if admitted is not None:
            history.customer_admitted(session, session_id, "佐藤 花子", admitted, "hash")


def add_owner(
    database: Database, owner: Owner, heartbeat: datetime | None = None, stale_after: float = 30
) -> None:
    """``heartbeat`` None: now (by the database's clock)."""
    with database.session() as session:
        if heartbeat is None:
            owners.register(session, owner, stale_after)
            return
        session.execute(
            insert(server_owners).values(
                owner_id=owner.owner_id,
                hostname=owner.hostname,
                pid=owner.pid,
                process=owner.process,
                stale_after=stale_after,
                started_at=heartbeat,
                heartbeat_at=heartbeat,
            )
        )


def claim(database: Database, me: Owner, exclusive: bool = False) -> set[str]:
    with database.session() as session:
        return set(owners.claim(session, me.owner_id, exclusive=exclusive))


def owner_rows(database: Database) -> set[str]:
    with database.session() as session:
        return set(session.scalars(select(server_owners.c.owner_id)))


def test_only_the_sessions_of_servers_that_are_gone_are_taken_over(
    database: Database, ended_process: str
) -> None:
    me, live = Owner(), Owner()  # both in this (running) process
    stale = Owner(process="")  # another machine: its heartbeat alone tells
    patient = Owner(process="")  # as late, but it declared a longer bound
    crashed = Owner(process=ended_process)  # this machine, exited: gone at once
    for owner in (me, live, crashed):
        add_owner(database, owner)
    five_minutes_ago = datetime.now(UTC) - timedelta(minutes=5)
    add_owner(database, stale, heartbeat=five_minutes_ago)
    add_owner(database, patient, heartbeat=five_minutes_ago, stale_after=3600)
    add_session(database, "before-owners", None)
    add_session(database, "stopped-cleanly", "no-such-owner")
    add_session(database, "stale", stale.owner_id)
    add_session(database, "crashed", crashed.owner_id, admitted=None)
    add_session(database, "live", live.owner_id)
    add_session(database, "patient", patient.owner_id)
    add_session(database, "mine", me.owner_id)
    add_session(database, "ended", "no-such-owner")
    with database.session() as session:
        history.session_ended(session, "ended", "agent_left", NOW)

    taken = {"before-owners", "stopped-cleanly", "stale", "crashed"}
    assert claim(database, me) == taken
    # The gone are forgotten.
    assert owner_rows(database) == {me.owner_id, live.owner_id, patient.owner_id}
    assert claim(database, Owner()) == set()  # now this server's, and it is alive
    # Holding the SQLite lock, every other owner is gone, whatever its heartbeat says.
    assert claim(database, Owner(), exclusive=True) == taken | {"live", "patient", "mine"}


def test_a_server_adopts_the_live_sessions_and_closes_the_rest(database: Database) -> None:
    add_session(database, "live", None)
    add_session(database, "idle", None, admitted=NOW - 7200)
    add_session(database, "never-admitted", None, admitted=None)
    ownership = Ownership(database)
    ownership.hold()
    try:
        alive, closed = ownership.adopt(idle_timeout=3600, now=NOW)
        assert ([s.session_id for s in alive], closed) == (["live"], 2)
        with database.session() as session:
            ends = {
                sid: (record.end_reason if (record := history.session_record(session, sid)) else "")
                for sid in ("live", "idle", "never-admitted")
            }
        assert ends == {
            "live": None,
            "idle": "server_shutdown",
            "never-admitted": "server_shutdown",
        }
        assert ownership.adopt(idle_timeout=3600, now=NOW) == ([], 0)  # taken already
    finally:
        ownership.release()
    assert owner_rows(database) == set()  # stopped: its sessions are anyone's at once


def test_a_heartbeat_finds_out_when_its_server_was_taken_for_gone(database: Database) -> None:
    me = Owner()
    add_owner(database, me)
    with database.session() as session:
        assert owners.beat(session, me.owner_id)
        owners.retire(session, me.owner_id)
        assert not owners.beat(session, me.owner_id)


def test_only_an_ended_process_on_this_machine_counts_as_gone(ended_process: str) -> None:
    mine = process_key()
    assert mine and not process_gone(mine)
    assert process_gone(ended_process)
    boot, namespace, uid, pid, started = mine.split(" ")
    assert process_gone(f"{boot} {namespace} {uid} {pid} {int(started) + 1}")  # pid reused
    for elsewhere in (
        "",
        f"another-boot {namespace} {uid} {pid} {started}",
        f"{boot} pid:[1] {uid} {pid} {started}",  # another container
        f"{boot} {namespace} {int(uid) + 1} 999999 1",  # another user (maybe hidden)
    ):
        assert not process_gone(elsewhere), elsewhere


def test_one_server_per_sqlite_file(tmp_path: Path) -> None:
    database_file = tmp_path / "server.db"
    first = DatabaseLock(database_file)
    assert first.path == tmp_path / "server.db.lock"
    with pytest.raises(DatabaseInUse) as refused:
        DatabaseLock(database_file)
    assert refused.value.code == "database_in_use"
    assert refused.value.pid == os.getpid()
    assert f"{database_file} (pid {os.getpid()})" in refused.value.detail
    first.release()
    DatabaseLock(database_file).release()  # free again
