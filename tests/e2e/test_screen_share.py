"""The whole path through real processes: a customer on one X display shares its screen, the
agent's client receives its pixels through the real signaling server and real aiortc peers."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest

from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.rtc import DecodedFrame
from tests.helpers.accounts import PASSWORD
from tests.helpers.child_process import ChildProcess, Exactly
from tests.helpers.patterns import MATCH_TOLERANCE, mean_error
from tests.helpers.server_process import server_process
from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e


class Child(ChildProcess):
    """``python ARGV`` on ``display``: a helper speaking JSON lines (customer peer) or plain
    lines (pattern)."""

    def __init__(self, display: Display, *argv: str) -> None:
        super().__init__([sys.executable, *argv], env=display.env(), stdin=True)
        self.events: list[dict[str, Any]] = []

    async def command(self, cmd: str, **args: Any) -> dict[str, Any]:
        """Send a command and return its reply; events seen meanwhile are kept."""

        def is_reply(line: str) -> bool:
            message = json.loads(line)
            if message.get("reply") == cmd:
                return True
            self.events.append(message)
            return False

        self.send(json.dumps({"cmd": cmd, **args}))
        reply: dict[str, Any] = json.loads(await self.expect_async(is_reply, 30))
        return reply


class AgentSide:
    """The agent's real client, collecting what it would show."""

    def __init__(self, url: str) -> None:
        self.events: list[ev.Event] = []
        self.frame: DecodedFrame | None = None
        self.frames = 0
        self.changed = asyncio.Event()
        self.client = AgentClient(url, Password("taro", PASSWORD), self._on_event)

    def _on_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.FrameArrived):
            self.frame = event.frame
            self.frames += 1
        else:
            self.events.append(event)
        self.changed.set()

    async def wait_for(self, check: Callable[[], Any], timeout: float = 15) -> Any:
        async with asyncio.timeout(scaled(timeout)):
            while not (result := check()):
                self.changed.clear()
                await self.changed.wait()
        return result

    def first(self, kind: type[ev.Event]) -> Any:
        return next((e for e in self.events if isinstance(e, kind)), None)

    def shows(self, pattern: str) -> bool:
        return self.frame is not None and mean_error(self.frame.pixels, pattern) < MATCH_TOLERANCE


async def test_customer_screen_reaches_agent_and_stops_on_stop() -> None:
    with (
        xvfb(1280, 720) as customer_display,
        server_process("--org-name", "Acme Support") as server,
        Child(customer_display, "-m", "tests.helpers.pattern_window") as pattern,
        Child(
            customer_display, "-m", "tests.helpers.customer_peer", server.url, "Hanako"
        ) as customer,
    ):
        await pattern.expect_async(Exactly("shown A"))
        assert (await customer.command("probe"))["grab_count"] == 0
        agent = AgentSide(server.url)
        await agent.client.connect()
        session = await agent.client.new_session()

        spaced = f"{session.code[:3]} {session.code[3:6]}-{session.code[6:]}"
        joined = await customer.command("join", code=spaced)
        assert joined["ok"] and joined["agent_name"] == "Taro"
        assert joined["org_name"] == "Acme Support"
        request = await agent.wait_for(lambda: agent.first(ev.JoinRequested))
        assert request.customer_name == "Hanako"
        await agent.client.admit(session.session_id, request.join_id)
        await agent.wait_for(lambda: agent.first(ev.CustomerAdmitted))

        # Admitted but not yet allowed: nothing may be grabbed or sent.
        await asyncio.sleep(scaled(1.0))  # the time watched, not a wait for something
        before = await customer.command("probe")
        assert before["grab_count"] == 0 and before["packets_sent"] == 0

        allowed_at = time.monotonic()
        assert (await customer.command("allow", screen=1))["ok"]
        await agent.wait_for(lambda: agent.shows("A"))
        join_time = time.monotonic() - allowed_at
        assert agent.frame is not None
        assert (agent.frame.width, agent.frame.height) == (1280, 720)
        assert mean_error(agent.frame.pixels, "C") > 4 * MATCH_TOLERANCE  # negative control

        pattern.send("B")
        await pattern.expect_async(Exactly("shown B"))
        await agent.wait_for(lambda: agent.shows("B"))
        assert not agent.shows("A")

        probe = await customer.command("probe")
        assert probe["codec"] == "video/H264" and probe["packets_sent"] > 0  # H.264 first
        rtc = agent.client.sessions[session.session_id].rtc
        assert rtc is not None and (await rtc.stats()).codec == "video/H264"
        assert (await rtc.stats()).packets_received > 0

        # Chat both ways, with Japanese text and emoji, numbered by the server.
        await agent.client.send_chat(session.session_id, "画面が見えました 👍")
        await customer.command("chat", text="ありがとう！")
        received = await agent.wait_for(
            lambda: [
                e.entry
                for e in agent.events
                if isinstance(e, ev.ChatUpdated) and e.entry.text == "ありがとう！"
            ]
        )
        assert received[0].sender_name == "Hanako" and received[0].seq == 2
        customer_chat = [
            e
            for e in customer.events
            if e.get("event") == "ChatUpdated" and e["entry"]["text"] == "画面が見えました 👍"
        ]
        assert customer_chat and customer_chat[-1]["entry"]["seq"] == 1

        # Stop: the agent's stream ends within 1 s and grabbing stops.
        stopped_at = time.monotonic()
        assert (await customer.command("stop"))["ok"]
        await agent.wait_for(lambda: agent.first(ev.StreamEnded), timeout=1.0)
        assert time.monotonic() - stopped_at < 1.0
        share = await agent.wait_for(
            lambda: [
                e
                for e in agent.events
                if isinstance(e, ev.ShareChanged) and e.state.value == "stopped"
            ]
        )
        assert share[-1].reason.value == "customer"
        grabs = (await customer.command("probe"))["grab_count"]
        await asyncio.sleep(scaled(0.5))  # the time watched, not a wait for something
        assert (await customer.command("probe"))["grab_count"] == grabs

        await agent.client.end_session(session.session_id)
        ended = await agent.wait_for(lambda: agent.first(ev.SessionClosed))
        assert ended.reason.value == "agent_ended"
        await agent.client.close()
        print(f"join time {join_time * 1000:.0f} ms, frames {agent.frames}")
