"""Accounts over the wire against the real server process: sign-in, roles, abuse reports,
an administrator disabling an agent mid-session, and the metrics endpoint."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from signaling import protocol as p
from signaling.protocol import EndReason, ErrorCode
from signaling.server import ServerConfig, SignalingServer
from signaling.store import accounts as acc
from signaling.store.db import open_database
from tests.helpers.accounts import PASSWORD, seed_database
from tests.helpers.server_process import ROOT, ServerProcess
from tests.helpers.waits import scaled
from tests.helpers.wsclient import Client

CUSTOMER_NAME = "山田 由紀"
#: The server looks for disabled accounts every second; this leaves room for a slow machine.
CUT_OFF_TIMEOUT = 10.0


async def refused_with(client: Client, first: str) -> p.Error:
    """Send ``first`` on a fresh connection; the server answers an error and closes 1008."""
    await client.send_raw(first)
    closed, before = await client.closed()
    assert len(before) == 1, before
    error = p.parse(before[0], direction="server")
    assert isinstance(error, p.Error)
    assert closed.rcvd is not None
    assert (closed.rcvd.code, closed.rcvd.reason) == (1008, error.code.value)
    return error


async def join_and_admit(agent: Client, customer: Client) -> tuple[p.SessionCreated, p.Admitted]:
    """Create a session, the customer joins, the agent admits; returns what the customer saw."""
    create = await agent.request("create_session")
    created = await agent.expect(p.SessionCreated, re=create)
    join = await customer.request("join", code=created.code)
    pending = await customer.expect(p.JoinPending, re=join)
    asked = await agent.expect(p.JoinRequest, join_id=pending.join_id)
    admit = await agent.request("admit", session_id=asked.session_id, join_id=asked.join_id)
    await agent.expect(p.Admitted, re=admit)
    admitted = await customer.expect(p.Admitted, re=join)
    assert admitted.agent_name == pending.agent_name
    return created, admitted


# -------------------------------------------------------------------- sign-in


@pytest.mark.parametrize(
    ("username", "display_name", "role"),
    [("ann", "Ann Agent", "agent"), ("JIRO", "山田 次郎", "agent"), ("ada", "Ada Admin", "admin")],
)
async def test_login_welcomes_with_the_account(
    server: ServerProcess, username: str, display_name: str, role: str
) -> None:
    async with Client(server.url) as client:
        welcome = await client.login(username)
    account = welcome.account
    assert account is not None
    assert (account.username, account.display_name, account.role) == (
        username.lower(),
        display_name,
        role,
    )
    assert account.access_token and account.refresh_token
    assert account.access_token != account.refresh_token
    assert account.access_expires_in == 900


async def test_tokens_sign_in_again_without_the_password(server: ServerProcess) -> None:
    async with Client(server.url) as client:
        first = (await client.login("ann")).account
    assert first is not None
    async with Client(server.url) as client:
        request_id = await client.request("hello", role="agent", name="X", token=first.access_token)
        welcome = await client.expect(p.Welcome, re=request_id)
        assert welcome.account is not None and welcome.account.username == "ann"
    async with Client(server.url) as client:
        request_id = await client.request("refresh", refresh_token=first.refresh_token)
        welcome = await client.expect(p.Welcome, re=request_id)
        assert welcome.account is not None and welcome.account.refresh_token
        assert welcome.account.refresh_token != first.refresh_token
    async with Client(server.url) as client:
        reused = f'{{"type":"refresh","v":1,"id":"r","refresh_token":"{first.refresh_token}"}}'
        assert (await refused_with(client, reused)).code is ErrorCode.TOKEN_INVALID


@pytest.mark.parametrize(
    ("first", "code"),
    [
        ('{"type":"hello","v":1,"id":"h","role":"agent","name":"Ann"}', ErrorCode.AUTH_REQUIRED),
        (
            '{"type":"hello","v":1,"id":"h","role":"agent","name":"Ann","token":"forged"}',
            ErrorCode.TOKEN_INVALID,
        ),
    ],
    ids=["no-token", "bad-token"],
)
async def test_an_agent_must_sign_in(server: ServerProcess, first: str, code: ErrorCode) -> None:
    async with Client(server.url) as client:
        error = await refused_with(client, first)
    assert (error.code, error.re) == (code, "h")


async def test_wrong_password_and_unknown_user_look_the_same(server: ServerProcess) -> None:
    errors = []
    for username, password in (("ann", "not the password"), ("nobody", PASSWORD)):
        async with Client(server.url) as client:
            attempt = p.Login(id="l", username=username, password=password)
            errors.append(await refused_with(client, p.serialize(attempt)))
    assert errors[0].code is ErrorCode.BAD_CREDENTIALS
    assert errors[0] == errors[1]


# ---------------------------------------------------------------------- roles


async def test_a_customer_cannot_create_a_session(server: ServerProcess) -> None:
    async with Client(server.url, "cust") as customer:
        await customer.hello("customer", CUSTOMER_NAME)
        attempt = await customer.request("create_session")
        await customer.expect_error(ErrorCode.FORBIDDEN, re=attempt)
        attempt = await customer.request("list_reports")
        await customer.expect_error(ErrorCode.FORBIDDEN, re=attempt)


async def test_only_an_administrator_lists_reports(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent:
        await agent.login("ann")
        attempt = await agent.request("list_reports")
        await agent.expect_error(ErrorCode.FORBIDDEN, re=attempt)
        await agent.request("create_session")  # still connected and served
        await agent.expect(p.SessionCreated)


async def test_the_administrator_sees_a_customers_abuse_report(server: ServerProcess) -> None:
    async with (
        Client(server.url, "agent") as agent,
        Client(server.url, "cust") as customer,
        Client(server.url, "admin") as admin,
    ):
        await agent.login("ann")
        await customer.hello("customer", CUSTOMER_NAME)
        created, _ = await join_and_admit(agent, customer)
        report = await customer.request(
            "report_abuse", session_id=created.session_id, reason="asked for my bank PIN"
        )
        await customer.expect(p.Ok, re=report)

        await admin.login("ada")
        listed = await admin.request("list_reports")
        reports = (await admin.expect(p.Reports, re=listed)).reports
    assert len(reports) == 1
    (filed,) = reports
    assert (filed.session_id, filed.code) == (created.session_id, created.code)
    assert (filed.agent_username, filed.agent_display_name) == ("ann", "Ann Agent")
    assert (filed.customer_name, filed.reason) == (CUSTOMER_NAME, "asked for my bank PIN")


# ------------------------------------------------------------ disabled agent


async def test_disabling_an_agent_ends_its_session_at_once(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        await agent.login("taro")
        await customer.hello("customer", CUSTOMER_NAME)
        created, _ = await join_and_admit(agent, customer)

        admin_cli = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "signaling.cli", "--db", server.db_url, "users", "disable",
            "taro", cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(admin_cli.communicate(), scaled(60))
        assert admin_cli.returncode == 0, err.decode()
        assert out.startswith(b"taro disabled at ")

        await customer.expect(
            p.SessionEnded,
            timeout=CUT_OFF_TIMEOUT,
            session_id=created.session_id,
            reason=EndReason.AGENT_DISABLED,
        )
        closed, before = await agent.closed(timeout=CUT_OFF_TIMEOUT)
        last = p.parse(before[-1], direction="server")
        assert isinstance(last, p.Error) and last.code is ErrorCode.ACCOUNT_DISABLED
        assert closed.rcvd is not None and closed.rcvd.code == 1008
    async with Client(server.url) as again:
        attempt = p.Login(id="l", username="taro", password=PASSWORD)
        assert (await refused_with(again, p.serialize(attempt))).code is ErrorCode.ACCOUNT_DISABLED


# -------------------------------------------------------------- display name


@pytest.mark.parametrize("via", ["hello-with-token", "login-with-name"])
async def test_customers_see_the_accounts_display_name(server: ServerProcess, via: str) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        if via == "hello-with-token":
            async with Client(server.url) as first:
                account = (await first.login("ann")).account
            assert account is not None
            greeting = await agent.request(
                "hello", role="agent", name="Totally Your Bank", token=account.access_token
            )
        else:
            greeting = await agent.request(
                "login", username="ann", password=PASSWORD, name="Totally Your Bank"
            )
        welcome = await agent.expect(p.Welcome, re=greeting)
        assert welcome.account is not None and welcome.account.display_name == "Ann Agent"
        await customer.hello("customer", CUSTOMER_NAME)
        _, admitted = await join_and_admit(agent, customer)
    assert admitted.agent_name == "Ann Agent"


# -------------------------------------------------------------------- metrics


async def http_get(port: int, path: str) -> tuple[str, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        async with asyncio.timeout(scaled(5)):
            response = (await reader.read()).decode()
    finally:
        writer.close()
        await writer.wait_closed()
    head, _, body = response.partition("\r\n\r\n")
    return head, body


async def test_metrics_count_connections_sessions_and_failed_joins(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        await agent.login("ann")
        await agent.request("create_session")
        created = await agent.expect(p.SessionCreated)
        await customer.hello("customer", CUSTOMER_NAME)
        wrong = f"{(int(created.code) + 1) % 10**9:09d}"
        attempt = await customer.request("join", code=wrong)
        await customer.expect_error(ErrorCode.CODE_INVALID, re=attempt)

        head, body = await http_get(server.port, "/metrics")
    assert head.startswith("HTTP/1.1 200 OK\r\n")
    assert "content-type: text/plain; version=0.0.4" in head.lower()
    samples = dict(
        line.rsplit(" ", 1) for line in body.splitlines() if line and not line.startswith("#")
    )
    assert samples['assist_connections{role="agent"}'] == "1.0"
    assert samples['assist_connections{role="customer"}'] == "1.0"
    assert samples["assist_live_sessions"] == "1.0"
    assert samples['assist_failed_joins_total{reason="code_invalid"}'] == "1.0"
    assert samples['assist_logins_total{result="ok"}'] == "1.0"


# disabled_at is stamped by the administrator's process *before* it commits. A poll that
# asked "disabled since my last look?" could run between the stamp and the commit and never
# find the account again. This test holds the transaction open across two polls (in-process,
# to see the polls) to make that window certain.
async def test_a_disable_committed_during_a_poll_still_cuts_the_agent_off(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path}/server.db"
    seed_database(url)
    database = open_database(url)
    server = SignalingServer(ServerConfig(port=0), database)
    polls = threading.Semaphore(0)
    look = server._disabled_among

    def counting_look(usernames: set[str]) -> list[str]:
        found = look(usernames)
        polls.release()
        return found

    server._disabled_among = counting_look  # type: ignore[method-assign]
    await server.start()
    try:
        async with Client(server.url, "agent") as agent, Client(server.url, "cust") as cust:
            await agent.login("taro")
            await cust.hello("customer", CUSTOMER_NAME)
            created, _ = await join_and_admit(agent, cust)

            def disable_slowly() -> None:
                with database.session() as session:
                    acc.set_disabled(session, "taro", True)
                    session.flush()
                    while polls.acquire(blocking=False):
                        pass  # forget polls that may have started before the stamp
                    for _ in range(2):  # the second one surely started after it
                        assert polls.acquire(timeout=scaled(CUT_OFF_TIMEOUT))

            await asyncio.to_thread(disable_slowly)
            await cust.expect(
                p.SessionEnded,
                timeout=CUT_OFF_TIMEOUT,
                session_id=created.session_id,
                reason=EndReason.AGENT_DISABLED,
            )
    finally:
        await server.close()
        database.close()


def errors_in(frames: list[str]) -> list[ErrorCode]:
    messages = (p.parse(frame, direction="server") for frame in frames)
    return [m.code for m in messages if isinstance(m, p.Error)]


async def test_a_reused_refresh_token_signs_the_account_out_everywhere(
    server: ServerProcess,
) -> None:
    """Someone kept a copy of a refresh token: when it comes back, every connection of the
    account goes, not only future sign-ins (they could still open sessions)."""
    async with Client(server.url) as stolen, Client(server.url) as laptop:
        first = (await laptop.login("ann")).account
        assert first is not None
        request_id = await stolen.request("refresh", refresh_token=first.refresh_token)
        await stolen.expect(p.Welcome, re=request_id)
        async with Client(server.url) as again:
            reused = f'{{"type":"refresh","v":1,"id":"r","refresh_token":"{first.refresh_token}"}}'
            assert (await refused_with(again, reused)).code is ErrorCode.TOKEN_INVALID
        for client in (laptop, stolen):
            closed, before = await client.closed(timeout=CUT_OFF_TIMEOUT)
            assert closed.rcvd is not None and closed.rcvd.code == 1008
            assert errors_in(before) == [ErrorCode.TOKEN_INVALID]


async def test_a_password_change_signs_the_account_out_everywhere(server: ServerProcess) -> None:
    async with Client(server.url) as agent:
        await agent.login("ann")
        changed = subprocess.run(
            [
                sys.executable,
                "-m",
                "signaling.cli",
                "--db",
                server.db_url,
                "users",
                "passwd",
                "ann",
            ],  # fmt: skip
            input="a brand new password\n",
            capture_output=True,
            text=True,
            timeout=scaled(60),
        )
        assert changed.returncode == 0, changed.stderr
        closed, before = await agent.closed(timeout=CUT_OFF_TIMEOUT)
        assert closed.rcvd is not None and closed.rcvd.code == 1008
        assert errors_in(before) == [ErrorCode.TOKEN_INVALID]


async def http_get_with(port: int, path: str, authorization: str) -> tuple[str, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {authorization}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        async with asyncio.timeout(scaled(5)):
            response = (await reader.read()).decode()
    finally:
        writer.close()
        await writer.wait_closed()
    head, _, body = response.partition("\r\n\r\n")
    return head, body


async def test_metrics_can_be_kept_to_whoever_holds_the_token(tmp_path: Path) -> None:
    token = tmp_path / "metrics.token"
    token.write_text("s3cret-metrics-token-0123\n", encoding="utf-8")
    server = ServerProcess("--metrics-token-file", str(token))
    try:
        head, _ = await http_get(server.port, "/metrics")
        assert head.startswith("HTTP/1.1 401 ") and "www-authenticate: bearer" in head.lower()
        head, _ = await http_get_with(server.port, "/metrics", "Bearer wrong-token-0000000000")
        assert head.startswith("HTTP/1.1 401 ")
        head, body = await http_get_with(
            server.port, "/metrics", "Bearer s3cret-metrics-token-0123"
        )
        assert head.startswith("HTTP/1.1 200 OK") and "assist_live_sessions" in body
        head, _ = await http_get(server.port, "/healthz")  # health checks stay open
        assert head.startswith("HTTP/1.1 200 OK")
    finally:
        server.kill()


def test_a_short_or_missing_metrics_token_is_refused_at_start(tmp_path: Path) -> None:
    short = tmp_path / "short.token"
    short.write_text("abc", encoding="utf-8")
    for path in (short, tmp_path / "missing.token"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "signaling.cli",
                "--db",
                f"sqlite:///{tmp_path}/s.db",
                "serve",
                "--port",
                "0",
                "--metrics-token-file",
                str(path),
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=scaled(60),
        )
        assert done.returncode == 2, done.stderr
        assert "metrics token" in done.stderr
