"""The real server process over real WebSockets: what an agent and a customer would see."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest
from websockets.exceptions import ConnectionClosedError

from signaling import __version__
from signaling import protocol as p
from signaling.protocol import EndReason, ErrorCode
from tests.helpers.server_process import ServerProcess
from tests.helpers.waits import scaled
from tests.helpers.wsclient import Client
from tests.integration.conftest import ORG_NAME

SDP_OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
SDP_ANSWER = SDP_OFFER.replace("o=- 1 2", "o=- 7 2")
CANDIDATE = "candidate:1 1 udp 2122252543 192.168.1.20 54321 typ host"
CUSTOMER_NAME = "山田 由紀 🌸"


async def create(agent: Client) -> p.SessionCreated:
    request_id = await agent.request("create_session")
    return await agent.expect(p.SessionCreated, re=request_id)


async def start_session(agent: Client, customer: Client) -> tuple[str, str]:
    """Hello on both sides, create, join and admit; returns (session_id, code)."""
    await agent.hello("agent", "Ann Agent")
    await customer.hello("customer", CUSTOMER_NAME)
    created = await create(agent)
    join_request = await customer.request("join", code=created.code)
    pending = await customer.expect(p.JoinPending, re=join_request)
    await agent.expect(p.JoinRequest, join_id=pending.join_id)
    admit = await agent.request("admit", session_id=created.session_id, join_id=pending.join_id)
    await agent.expect(p.Admitted, re=admit)
    await customer.expect(p.Admitted, re=join_request)
    return created.session_id, created.code


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**9:09d}"


async def test_healthz_answers_200(server: ServerProcess) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        async with asyncio.timeout(scaled(5)):
            response = await reader.read()
    finally:
        writer.close()
        await writer.wait_closed()
    assert response.startswith(b"HTTP/1.1 200 OK\r\n")
    assert response.endswith(b"\r\n\r\nok\n")


async def test_a_whole_session(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        welcome = await agent.hello("agent", "Ann Agent")
        assert (welcome.org_name, welcome.server_version) == (ORG_NAME, __version__)
        created = await create(agent)
        assert len(created.code) == 9 and created.code.isdigit() and created.expires_in == 600

        await customer.hello("customer", CUSTOMER_NAME)
        join = await customer.request("join", code=p.format_code(created.code))  # "123 456 789"
        pending = await customer.expect(
            p.JoinPending, re=join, agent_name="Ann Agent", org_name=ORG_NAME
        )
        asked = await agent.expect(p.JoinRequest, customer_name=CUSTOMER_NAME)
        admit = await agent.request("admit", session_id=asked.session_id, join_id=asked.join_id)
        for side, request_id in ((agent, admit), (customer, join)):
            admitted = await side.expect(p.Admitted, re=request_id, org_name=ORG_NAME)
            assert (admitted.agent_name, admitted.customer_name) == ("Ann Agent", CUSTOMER_NAME)
        sid = pending.session_id

        await agent.send("sdp", session_id=sid, sdp_type="offer", sdp=SDP_OFFER)
        await customer.expect(p.Sdp, sdp_type=p.SdpType.OFFER, sdp=SDP_OFFER)
        await customer.send("sdp", session_id=sid, sdp_type="answer", sdp=SDP_ANSWER)
        await agent.expect(p.Sdp, sdp_type=p.SdpType.ANSWER, sdp=SDP_ANSWER)
        await customer.send(
            "ice", session_id=sid, candidate=CANDIDATE, sdp_mid="0", sdp_mline_index=0
        )
        await agent.expect(p.Ice, candidate=CANDIDATE, sdp_mid="0", sdp_mline_index=0)
        await agent.send("ice", session_id=sid, candidate="")  # end of candidates
        await customer.expect(p.Ice, candidate="", sdp_mid=None)

        said = await agent.request("chat", session_id=sid, msg_id="a-1", text="Hello 👋")
        await agent.expect(p.ChatMessage, re=said, seq=1, text="Hello 👋")
        await customer.expect(p.ChatMessage, re="", seq=1, sender=p.Role.AGENT, text="Hello 👋")
        said = await customer.request("chat", session_id=sid, msg_id="c-1", text="見えます！🎉")
        await customer.expect(p.ChatMessage, re=said, seq=2)
        await agent.expect(p.ChatMessage, seq=2, sender_name=CUSTOMER_NAME, text="見えます！🎉")

        await customer.send("share_status", session_id=sid, state="sharing")
        await agent.expect(p.ShareStatus, state=p.ShareState.SHARING, reason=p.ShareReason.CUSTOMER)

        bye = await agent.request("end_session", session_id=sid)
        await agent.expect(p.SessionEnded, re=bye, reason=EndReason.AGENT_ENDED)
        await customer.expect(p.SessionEnded, re="", reason=EndReason.AGENT_ENDED)
        again = await customer.request("join", code=created.code)
        await customer.expect_error(ErrorCode.CODE_USED, re=again)


async def test_decline_leaves_the_code_for_the_next_customer(server: ServerProcess) -> None:
    async with (
        Client(server.url, "agent") as agent,
        Client(server.url, "stranger") as stranger,
        Client(server.url, "cust") as customer,
    ):
        await agent.hello("agent", "Ann Agent")
        created = await create(agent)
        await stranger.hello("customer", "Mallory")
        join = await stranger.request("join", code=created.code)
        await stranger.expect(p.JoinPending, re=join)
        asked = await agent.expect(p.JoinRequest, customer_name="Mallory")
        no = await agent.request("decline", session_id=asked.session_id, join_id=asked.join_id)
        await agent.expect(p.Ok, re=no)
        await stranger.expect(p.Declined, re=join)

        await customer.hello("customer", CUSTOMER_NAME)
        join = await customer.request("join", code=created.code)
        await customer.expect(p.JoinPending, re=join)
        asked = await agent.expect(p.JoinRequest, customer_name=CUSTOMER_NAME)
        await agent.request("admit", session_id=asked.session_id, join_id=asked.join_id)
        await customer.expect(p.Admitted, re=join)


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("data", "code", "re"),
    [
        pytest.param("this is not json", ErrorCode.BAD_JSON, "", id="not-json"),
        pytest.param('["create_session"]', ErrorCode.BAD_MESSAGE, "", id="array"),
        pytest.param('{"type":"teleport","v":1,"id":"x-1"}', ErrorCode.UNKNOWN_TYPE, "x-1"),
        pytest.param(
            '{"type":"admit","v":1,"id":"x-2","session_id":"s"}', ErrorCode.BAD_MESSAGE, "x-2"
        ),
        pytest.param('{"type":"create_session","id":"x-3"}', ErrorCode.BAD_MESSAGE, "x-3"),
        pytest.param(
            '{"type":"hello","v":1,"id":"x-4","role":"agent","name":"Ann"}',
            ErrorCode.WRONG_STATE,
            "x-4",
            id="second-hello",
        ),
        pytest.param(
            '{"type":"chat","v":1,"id":"x-5","session_id":"nope","msg_id":"m","text":"hi"}',
            ErrorCode.NOT_FOUND,
            "x-5",
        ),
        pytest.param(
            '{"type":"join","v":1,"id":"x-6","code":"123456789"}', ErrorCode.FORBIDDEN, "x-6"
        ),
    ],
)
async def test_bad_input_is_answered_and_the_connection_stays(
    server: ServerProcess, data: str, code: ErrorCode, re: str
) -> None:
    async with Client(server.url, "agent") as agent:
        await agent.hello("agent", "Ann Agent")
        await agent.send_raw(data)
        await agent.expect_error(code, re=re)
        await create(agent)  # still served


async def test_unsupported_version_says_which_are_supported(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent:
        await agent.hello("agent", "Ann Agent")
        await agent.send_raw('{"type":"create_session","v":99,"id":"future"}')
        error = await agent.expect_error(ErrorCode.UNSUPPORTED_VERSION, re="future")
        assert error.supported_versions == [1]
        await create(agent)


async def test_over_64_kib_is_too_large_but_the_connection_stays(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent:
        await agent.hello("agent", "Ann Agent")
        big = json.dumps({"type": "chat", "v": 1, "id": "big", "session_id": "s", "msg_id": "m",
                          "text": "画" * 30_000}, ensure_ascii=False)  # fmt: skip
        assert p.MAX_MESSAGE_BYTES < len(big.encode()) < 1024 * 1024
        await agent.send_raw(big)
        await agent.expect_error(ErrorCode.TOO_LARGE, re="big")
        await create(agent)


async def test_over_1_mib_closes_the_connection_with_1009(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent:
        await agent.hello("agent", "Ann Agent")
        await agent.send("sdp", session_id="s", sdp_type="offer", sdp="a" * (1024 * 1024 + 1))
        closed, before = await agent.closed()
        assert closed.rcvd is not None and closed.rcvd.code == 1009
        assert before == []


@pytest.mark.parametrize(
    ("first", "code"),
    [
        ('{"type":"create_session","v":1,"id":"early"}', ErrorCode.HELLO_REQUIRED),
        ("hello?", ErrorCode.BAD_JSON),
        ('{"type":"hello","v":1,"id":"early","role":"boss","name":"X"}', ErrorCode.BAD_MESSAGE),
    ],
)
async def test_first_message_must_be_hello(
    server: ServerProcess, first: str, code: ErrorCode
) -> None:
    async with Client(server.url) as client:
        await client.send_raw(first)
        closed, before = await client.closed()
        assert len(before) == 1
        error = p.parse(before[0], direction="server")
        assert isinstance(error, p.Error)
        assert (error.code, error.re) == (code, p.request_id_of(first))
        assert closed.rcvd is not None
        assert (closed.rcvd.code, closed.rcvd.reason) == (1008, code.value)


async def test_roles_are_enforced(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        sid, _ = await start_session(agent, customer)
        attempt = await customer.request("create_session")
        await customer.expect_error(ErrorCode.FORBIDDEN, re=attempt)
        attempt = await customer.request("admit", session_id=sid, join_id="j")
        await customer.expect_error(ErrorCode.FORBIDDEN, re=attempt)
        await agent.send("share_status", session_id=sid, state="stopped")
        await agent.expect_error(ErrorCode.FORBIDDEN, re="")


# ------------------------------------------------------------------ codes


async def test_malformed_and_wrong_codes(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        await agent.hello("agent", "Ann Agent")
        created = await create(agent)
        await customer.hello("customer", CUSTOMER_NAME)
        attempt = await customer.request("join", code="12345678a")
        await customer.expect_error(ErrorCode.CODE_MALFORMED, re=attempt)
        attempt = await customer.request("join", code=wrong(created.code))
        await customer.expect_error(ErrorCode.CODE_INVALID, re=attempt)
        attempt = await customer.request("join", code=created.code)
        await customer.expect(p.JoinPending, re=attempt)


async def test_sixth_wrong_guess_is_rate_limited(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "guess") as guesser:
        await agent.hello("agent", "Ann Agent")
        created = await create(agent)
        await guesser.hello("customer", "Mallory")
        for _ in range(5):
            await guesser.request("join", code=wrong(created.code))
            await guesser.expect_error(ErrorCode.CODE_INVALID)
        attempt = await guesser.request("join", code=created.code)
        error = await guesser.expect_error(ErrorCode.RATE_LIMITED, re=attempt)
        assert error.retry_after is not None and 0 < error.retry_after <= 60


# ------------------------------------------------------------------ leaving


@pytest.mark.parametrize(
    ("leaver", "how", "reason"),
    [
        ("customer", "abort", EndReason.CUSTOMER_DROPPED),
        ("customer", "close", EndReason.CUSTOMER_LEFT),
        ("agent", "abort", EndReason.AGENT_DROPPED),
        ("agent", "close", EndReason.AGENT_LEFT),
    ],
)
async def test_the_other_side_learns_how_a_participant_left(
    start_server: Callable[..., ServerProcess], leaver: str, how: str, reason: EndReason
) -> None:
    """Closing ends the session at once; a dropped connection is waited for (here 1 s)."""
    server = start_server("--resume-grace", "1")
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        sid, _ = await start_session(agent, customer)
        gone, stays = (customer, agent) if leaver == "customer" else (agent, customer)
        await (gone.abort() if how == "abort" else gone.close())
        if how == "abort":
            away = await stays.expect(p.PeerAway, session_id=sid)
            assert away.role.value == leaver and away.grace == 1.0
        await stays.expect(p.SessionEnded, session_id=sid, reason=reason)


async def test_a_waiting_customer_leaving_withdraws_the_join(server: ServerProcess) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        await agent.hello("agent", "Ann Agent")
        created = await create(agent)
        await customer.hello("customer", CUSTOMER_NAME)
        await customer.request("join", code=created.code)
        pending = await customer.expect(p.JoinPending)
        await agent.expect(p.JoinRequest, join_id=pending.join_id)
        await customer.abort()
        await agent.expect(p.JoinWithdrawn, session_id=created.session_id, join_id=pending.join_id)


# ------------------------------------------------------------------ server going away


async def test_a_killed_server_closes_client_connections_promptly(
    start_server: Callable[[], ServerProcess],
) -> None:
    doomed = start_server()
    async with Client(doomed.url, "agent") as agent, Client(doomed.url, "cust") as customer:
        await start_session(agent, customer)
        doomed.kill()
        for side in (agent, customer):
            closed, _ = await side.closed()
            assert isinstance(closed, ConnectionClosedError)
            assert closed.rcvd is None  # no close frame: the process is gone


async def test_sigterm_closes_connections_with_1001_and_exits_cleanly(
    server: ServerProcess,
) -> None:
    async with Client(server.url, "agent") as agent, Client(server.url, "cust") as customer:
        await start_session(agent, customer)
        server.send_sigterm()
        for side in (agent, customer):
            closed, _ = await side.closed()
            assert closed.rcvd is not None and closed.rcvd.code == 1001
    assert await asyncio.to_thread(server.terminate) == 0


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("[" * 1000 + "]" * 1000, ErrorCode.BAD_MESSAGE),
        (
            '{"type":"chat","v":1,"id":"d","text":' + "[" * 1000 + "]" * 1000 + "}",
            ErrorCode.BAD_MESSAGE,
        ),
        ("[" * 40_000 + "]" * 40_000, ErrorCode.TOO_LARGE),  # the error path decodes it again
        (
            '{"type":"get_customer","v":1,"id":"g","customer_id":99999999999999999999}',
            ErrorCode.BAD_MESSAGE,
        ),
    ],
    ids=["deep", "deep-field", "deep-over-64k", "huge-integer"],
)
async def test_hostile_frames_get_their_named_error_and_the_connection_stays(
    server: ServerProcess, frame: str, code: ErrorCode
) -> None:
    """JSON nested a thousand deep used to fail the handler (close 1011, no error), and an
    integer beyond 64 bits reached the store as a store failure."""
    async with Client(server.url, "agent") as agent:
        await agent.hello("agent", "Ann Agent")
        await agent.send_raw(frame)
        await agent.expect_error(code)
        await create(agent)  # the connection goes on
    assert "connection handler failed" not in server.output
    assert "OverflowError" not in server.output


async def test_invalid_utf8_closes_a_text_frame_with_1007_and_is_bad_json_in_a_binary_one(
    server: ServerProcess,
) -> None:
    """As PROTOCOL.md says: invalid UTF-8 in a text frame breaks the WebSocket protocol
    (1007, no error message); in a binary frame it is a message that is not JSON."""
    broken = b'{"type":"create_session","v":1,"id":"\xff\xfe"}'
    async with Client(server.url, "agent") as agent:
        await agent.hello("agent", "Ann Agent")
        await agent.ws.send(broken, text=False)
        await agent.expect_error(ErrorCode.BAD_JSON)
        await create(agent)
        await agent.ws.send(broken, text=True)
        closed, before = await agent.closed()
        assert closed.rcvd is not None and closed.rcvd.code == 1007
        assert before == []
    assert "connection handler failed" not in server.output
