"""Abuse reports: once per session and customer, still possible after the agent ended the
session, and a failed write logs no code."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator

import pytest

from signaling import protocol as p
from tests.helpers.server_process import ServerProcess
from tests.helpers.wsclient import Client


@pytest.fixture
def server() -> Iterator[ServerProcess]:
    process = ServerProcess()
    try:
        yield process
    finally:
        process.terminate()


async def active_session(agent: Client, customer: Client) -> tuple[str, str]:
    await agent.hello("agent", "Ann Agent")
    created = await agent.expect(p.SessionCreated, re=await agent.request("create_session"))
    await customer.hello("customer", "Yuki")
    join = await customer.request("join", code=created.code)
    await customer.expect(p.JoinPending, re=join)
    asked = await agent.expect(p.JoinRequest)
    await agent.request("admit", session_id=created.session_id, join_id=asked.join_id)
    await agent.expect(p.Admitted)
    await customer.expect(p.Admitted, re=join)
    return created.session_id, created.code


async def test_one_customer_cannot_file_unlimited_reports(server: ServerProcess) -> None:
    async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
        sid, _ = await active_session(agent, customer)
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
        sid, _ = await active_session(agent, customer)
        await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded)
        await customer.expect(p.SessionEnded)
        await customer.request("report_abuse", session_id=sid, reason="he asked for my PIN")
        answer = await customer.recv()
    assert isinstance(answer, p.Ok), f"the report was refused: {answer}"


async def test_a_failed_report_write_does_not_log_the_code(server: ServerProcess) -> None:
    db_path = server.db_url.removeprefix("sqlite:///")
    async with Client(server.url, "a") as agent, Client(server.url, "c") as customer:
        sid, code = await active_session(agent, customer)
        # Someone else holds the write lock longer than busy_timeout (5 s): the insert fails.
        locked, release = threading.Event(), threading.Event()

        def hold_lock() -> None:
            db = sqlite3.connect(db_path, timeout=1)
            db.execute("BEGIN IMMEDIATE")
            locked.set()
            release.wait(15)
            db.rollback()
            db.close()

        holder = threading.Thread(target=hold_lock)
        holder.start()
        locked.wait(5)
        try:
            rid = await customer.request("report_abuse", session_id=sid, reason="reason-9a7e")
            await customer.expect_error(p.ErrorCode.INTERNAL, re=rid, timeout=15)
        finally:
            release.set()
            holder.join()
    time.sleep(0.2)
    log = server.output
    assert "failed" in log
    leaks = [s for s in (code, "reason-9a7e", sid) if s in log]
    assert not leaks, f"server log holds {leaks}:\n{log[-3000:]}"
