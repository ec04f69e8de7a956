"""Both apps come back by themselves when the server is killed and restarted: they
reconnect with backoff, take the same session back, and the peer-to-peer screen keeps
arriving meanwhile. A real server process, real aiortc peers (synthetic screen)."""

from __future__ import annotations

import asyncio

import pytest

from assist.core import client_base
from assist.core import events as ev
from assist.core.errors import ClientErrorCode
from signaling import protocol as p
from tests.helpers.live import Live
from tests.helpers.sides import Side
from tests.helpers.waits import until


def frames(side: Side) -> int:
    return len(side.of(ev.FrameArrived))


async def test_both_apps_come_back_and_the_screen_keeps_arriving_meanwhile(live: Live) -> None:
    sid, agent, customer = live.session_id, live.agent_side, live.customer_side
    await live.customer.allow(1)
    await agent.wait_for(lambda: frames(agent) > 0)

    live.server.kill()
    await agent.wait_for(lambda: bool(agent.of(ev.Reconnecting)))
    await customer.wait_for(lambda: bool(customer.of(ev.Reconnecting)))
    # Peer to peer: the customer's screen goes on reaching the agent without the server.
    during = frames(agent)
    await agent.wait_for(lambda: frames(agent) >= during + 10)
    assert live.customer.reconnecting and live.agent.reconnecting
    assert not agent.of(ev.SessionClosed) and not customer.of(ev.SessionClosed)
    assert not agent.of(ev.ConnectionLost) and not customer.of(ev.ConnectionLost)

    live.restart()
    await agent.wait_for(lambda: bool(agent.of(ev.SessionResumed)), timeout=30)
    await customer.wait_for(lambda: bool(customer.of(ev.SessionResumed)), timeout=30)
    # Whoever came back second found the other there; the first was told it came back.
    present = [
        e.peer_present for e in (*agent.of(ev.SessionResumed), *customer.of(ev.SessionResumed))
    ]
    assert sorted(present) == [False, True]

    # ``peer_back`` reaches the first one after the second one's ``resumed``.
    def back() -> list[ev.PeerBack]:
        return [*agent.of(ev.PeerBack), *customer.of(ev.PeerBack)]

    await until(lambda: bool(back()), 10, "peer_back on either side")
    assert len(back()) == 1

    entry = await live.customer.send_chat(sid, "戻りました")
    await agent.wait_for(lambda: bool(agent.numbered(entry.msg_id)))
    assert agent.numbered(entry.msg_id)[0].entry.seq == 1
    # The agent learns the share's state from its resume or from the customer's status
    # right after (whichever side came back first): it ends up sharing either way.
    await until(lambda: live.agent.sessions[sid].share_state is p.ShareState.SHARING)
    after = frames(agent)
    await agent.wait_for(lambda: frames(agent) >= after + 5)


async def test_the_other_side_is_told_when_one_side_drops_and_comes_back(live: Live) -> None:
    sid, agent = live.session_id, live.agent_side
    # The customer's network goes: no close frame, the server notices the broken socket.
    transport = live.customer.signaling._ws
    assert transport is not None
    transport.transport.abort()
    await agent.wait_for(lambda: bool(agent.of(ev.PeerAway)))
    (away,) = agent.of(ev.PeerAway)
    assert (away.session_id, away.role, away.grace) == (sid, p.Role.CUSTOMER, 60.0)
    await agent.wait_for(lambda: bool(agent.of(ev.PeerBack)))
    await live.customer_side.wait_for(lambda: bool(live.customer_side.of(ev.SessionResumed)))
    entry = await live.agent.send_chat(sid, "おかえりなさい")
    await live.customer_side.wait_for(lambda: bool(live.customer_side.numbered(entry.msg_id)))


async def test_a_session_that_ended_while_away_is_closed_not_resumed(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server came back after its grace period ran out for the customer."""
    monkeypatch.setattr(client_base, "RECONNECT_DELAYS", (4.0,))
    customer = live.customer_side
    live.server.kill()
    await customer.wait_for(lambda: bool(customer.of(ev.Reconnecting)))
    live.restart("--resume-grace", "1")  # both sides away: the session ends in a second
    await customer.wait_for(lambda: bool(customer.of(ev.SessionClosed)), timeout=30)
    (closed,) = customer.of(ev.SessionClosed)
    assert closed.reason is p.EndReason.CUSTOMER_DROPPED
    assert live.customer.session_id is None and live.customer.rtc is None


async def test_a_server_that_stays_away_is_given_up_and_said(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_base, "RECONNECT_FOR", 1.0)
    await live.customer.allow(1)
    live.server.kill()
    for side in (live.agent_side, live.customer_side):
        await side.wait_for(lambda side=side: bool(side.of(ev.ConnectionLost)))
        (lost,) = side.of(ev.ConnectionLost)
        assert lost.error.code is ClientErrorCode.CONNECTION_LOST
        assert len(side.of(ev.Reconnecting)) >= 2
    assert live.customer.capture is None and live.customer.rtc is None
    grabs = live.customer.grab_count
    await asyncio.sleep(0.5)  # watched, not waited for
    assert live.customer.grab_count == grabs  # nothing is captured any more


async def test_a_graceful_restart_keeps_the_session_for_both_sides(live: Live) -> None:
    """SIGTERM (``systemctl restart``): both apps are told the server is shutting down,
    and the session is not ended as if they had left: after the restart both take it back,
    as after a crash."""
    sid, agent, customer = live.session_id, live.agent_side, live.customer_side
    before = await live.customer.send_chat(sid, "再起動の前")
    await agent.wait_for(lambda: bool(agent.numbered(before.msg_id)))
    assert await asyncio.to_thread(live.server.terminate) == 0  # the loop answers the close
    await agent.wait_for(lambda: bool(agent.of(ev.Reconnecting)))
    await customer.wait_for(lambda: bool(customer.of(ev.Reconnecting)))
    told = {e.error.code for e in (*agent.of(ev.Reconnecting), *customer.of(ev.Reconnecting))}
    assert p.ErrorCode.SERVER_SHUTTING_DOWN in told

    live.restart()
    await agent.wait_for(lambda: bool(agent.of(ev.SessionResumed)), timeout=30)
    await customer.wait_for(lambda: bool(customer.of(ev.SessionResumed)), timeout=30)
    assert not agent.of(ev.SessionClosed) and not customer.of(ev.SessionClosed)
    after = await live.agent.send_chat(sid, "おかえりなさい")
    await customer.wait_for(lambda: bool(customer.numbered(after.msg_id)))
    assert live.audit("ended") == []  # nobody left: not agent_left, not customer_left
