"""A whole session with the server at DEBUG: its log never holds a password, a token, the
session code (however grouped), the SDP or the chat."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from signaling import protocol as p
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ServerProcess
from tests.helpers.wsclient import Client

WRONG_PASSWORD = "wrong-password-3f9d1c"
SDP_MARKER = "sdp-marker-7c1e52ab"
ICE_MARKER = "ice-marker-0b44d9"
CHAT_MARKER = "chat-marker-e61f0a"
SDP_OFFER = f"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns={SDP_MARKER}-offer\r\nt=0 0\r\n"
SDP_ANSWER = f"v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns={SDP_MARKER}-answer\r\nt=0 0\r\n"


@pytest.fixture(params=["text", "json"])
def log_format(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def debug_server(log_format: str) -> Iterator[ServerProcess]:
    # Common options work after the command name too: ServerProcess puts its args there.
    process = ServerProcess("--log-level", "DEBUG", "--log-format", log_format)
    try:
        yield process
    finally:
        code = process.terminate()
    assert code == 0, f"server exited with {code}:\n{process.output}"


def code_pattern(code: str) -> re.Pattern[str]:
    """The nine digits in order with any separators: 123456789, 123 456 789, 123-456-789…"""
    return re.compile(r"\D{0,3}".join(code))


async def run_a_whole_session(url: str) -> list[str]:
    """Every secret a session carries: passwords, tokens, the code, SDP, ICE and chat."""
    secrets = [PASSWORD, WRONG_PASSWORD]
    async with Client(url, "mallory") as mallory:
        await mallory.send_raw(
            p.serialize(p.Login(id="x", username="ann", password=WRONG_PASSWORD))
        )
        await mallory.expect_error(p.ErrorCode.BAD_CREDENTIALS, re="x")
    async with Client(url, "login") as login:
        first = (await login.login("ann")).account
    assert first is not None
    async with Client(url, "refresh") as refresh:
        request_id = await refresh.request("refresh", refresh_token=first.refresh_token)
        second = (await refresh.expect(p.Welcome, re=request_id)).account
    assert second is not None
    secrets += [first.access_token, first.refresh_token, second.access_token, second.refresh_token]

    async with Client(url, "agent") as agent, Client(url, "cust") as customer:
        hello = await agent.request("hello", role="agent", name="Ann", token=second.access_token)
        await agent.expect(p.Welcome, re=hello)
        create = await agent.request("create_session")
        created = await agent.expect(p.SessionCreated, re=create)
        sid = created.session_id
        secrets.append(created.code)

        await customer.hello("customer", "Yuki")
        join = await customer.request("join", code=p.format_code(created.code))
        await customer.expect(p.JoinPending, re=join)
        asked = await agent.expect(p.JoinRequest)
        admit = await agent.request("admit", session_id=sid, join_id=asked.join_id)
        await agent.expect(p.Admitted, re=admit)
        await customer.expect(p.Admitted, re=join)

        await customer.send("sdp", session_id=sid, sdp_type="offer", sdp=SDP_OFFER)
        await agent.expect(p.Sdp, sdp=SDP_OFFER)
        await agent.send("sdp", session_id=sid, sdp_type="answer", sdp=SDP_ANSWER)
        await customer.expect(p.Sdp, sdp=SDP_ANSWER)
        candidate = f"candidate:1 1 udp 2122252543 192.168.1.20 54321 typ host {ICE_MARKER}"
        await customer.send("ice", session_id=sid, candidate=candidate, sdp_mid="0")
        await agent.expect(p.Ice, candidate=candidate)
        said = await customer.request("chat", session_id=sid, msg_id="c-1", text=CHAT_MARKER)
        await customer.expect(p.ChatMessage, re=said)
        await agent.expect(p.ChatMessage, text=CHAT_MARKER)
        # A bad message: the server logs it at DEBUG, so DEBUG lines are known to be written.
        await agent.send_raw(f'{{"type":"chat","v":1,"id":"bad","text":"{CHAT_MARKER}"}}')
        await agent.expect_error(p.ErrorCode.BAD_MESSAGE, re="bad")
        bye = await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded, re=bye)
        await customer.expect(p.SessionEnded)
    return secrets


async def test_a_debug_log_holds_no_secrets(debug_server: ServerProcess, log_format: str) -> None:
    secrets = await run_a_whole_session(debug_server.url)
    debug_server.terminate()  # the whole log, including shutdown
    log = debug_server.output
    lines = log.splitlines()

    if log_format == "json":
        records = [json.loads(line) for line in lines]
        assert all(
            isinstance(r, dict) and {"levelname", "name", "message"} <= r.keys() for r in records
        )
        debug = [r["message"] for r in records if r["levelname"] == "DEBUG"]
        text = log + "\n".join(str(r) for r in records)  # and with JSON escapes undone
    else:
        debug = [line for line in lines if " DEBUG signaling.server: " in line]
        text = log
    assert any("sent a bad message" in line for line in debug), log
    assert "Signaling server stopped" in log

    *passwords_and_tokens, code = secrets
    for secret in (*passwords_and_tokens, SDP_MARKER, ICE_MARKER, CHAT_MARKER):
        assert secret not in text, f"{secret!r} is in the server log:\n{log}"
    assert code_pattern(code).search(text) is None, f"the code {code} is in the log:\n{log}"
