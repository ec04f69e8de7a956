"""Abuse reports: once per session and customer, still possible after the agent ended the
session, and a failed write logs no code."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest

from signaling import protocol as p
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.helpers.wsclient import Client, admitted_session


@pytest.fixture
def server() -> Iterator[ServerProcess]:
    process = ServerProcess()
    try:
        yield process
    finally:
        process.terminate()


async def test_one_customer_cannot_file_unlimited_reports(server: ServerProcess) -> None:
    async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
        sid = (await admitted_session(agent, customer, "Ann Agent", "Yuki")).session_id
        for _ in range(50):
            rid = await customer.request("report_abuse", session_id=sid, reason="x" * 8000)
            await customer.expect(p.Ok, re=rid)
    async with Client(server.url, "admin") as admin:
        await admin.login("ada")
        rid = await admin.request("list_reports")
        reports = await admin.expect(p.Reports, re=rid)
    assert len(reports.reports) <= 1, f"{len(reports.reports)} reports stored for one session"


async def test_customer_can_still_report_after_the_agent_ends_the_session(
    server: ServerProcess,
) -> None:
    async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
        sid = (await admitted_session(agent, customer, "Ann Agent", "Yuki")).session_id
        await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded)
        await customer.expect(p.SessionEnded)
        await customer.request("report_abuse", session_id=sid, reason="he asked for my PIN")
        answer = await customer.recv()
    assert isinstance(answer, p.Ok), f"the report was refused: {answer}"


async def test_a_failed_report_write_does_not_log_the_code(server: ServerProcess) -> None:
    db_path = server.db_url.removeprefix("sqlite:///")
    async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
        created = await admitted_session(agent, customer, "Ann Agent", "Yuki")
        sid, code = created.session_id, created.code
        # Someone else holds the write lock longer than busy_timeout (5 s): the insert fails.
        locked, release = threading.Event(), threading.Event()

        def hold_lock() -> None:
            db = sqlite3.connect(db_path, timeout=1)
            db.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(scaled(15))
            db.rollback()
            db.close()

        holder = threading.Thread(target=hold_lock)
        holder.start()
        assert locked.wait(scaled(5)), "the write lock was not taken"
        try:
            rid = await customer.request("report_abuse", session_id=sid, reason="reason-9a7e")
            await customer.expect_error(p.ErrorCode.INTERNAL, re=rid, timeout=15)
        finally:
            release.set()
            holder.join()
    assert server.terminate() == 0, server.output  # the whole log, through its end
    log = server.output
    assert "failed" in log
    leaks = [s for s in (code, "reason-9a7e", sid) if s in log]
    assert not leaks, f"server log holds {leaks}:\n{log[-3000:]}"
