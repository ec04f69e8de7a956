"""When the agent's side is lost, the customer's capture pauses at once (no grab more than
2 s after), and comes back by itself, without a new consent, only for the same agent
within the session's grace period; after it the session ends and the customer is told.

Real processes: the signaling server, and the agent's client in a process of its own that
the test kills (a crash, Alt+F4 gone wrong) or freezes with SIGSTOP (a link gone silent:
nothing is closed, nothing more arrives). The customer is the real client, a synthetic
screen behind the real capture thread and track.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from assist.core import events as ev
from assist.core.agent import AgentClient, Password
from assist.core.customer import CustomerClient
from assist.core.outbox import Outbox
from assist.core.synthetic import SyntheticGrabber
from signaling import protocol as p
from tests.helpers.accounts import PASSWORD, seed_database
from tests.helpers.child_process import ChildProcess
from tests.helpers.server_process import ServerProcess
from tests.helpers.sides import Side
from tests.helpers.waits import until

#: The product's bound: after the agent's side is lost, nothing more is grabbed after this.
PAUSE_BOUND = 2.0


class AgentProcess(ChildProcess):
    """tests/helpers/agent_peer.py: the agent's client (and the built-in server, if asked)."""

    def __init__(self, target: str, db_url: str) -> None:
        super().__init__([sys.executable, "-m", "tests.helpers.agent_peer", target, db_url])

    async def expect_rest(self, prefix: str) -> str:
        """The rest of the next line starting with ``prefix``."""
        return (await self.expect_async(prefix))[len(prefix) :]


@asynccontextmanager
async def sharing_with(
    tmp_path: Path, embedded: bool, *server_args: str
) -> AsyncIterator[tuple[AgentProcess, CustomerClient, Side]]:
    """An agent process and a customer sharing their (synthetic) screen with it."""
    db_url = f"sqlite:///{tmp_path}/server.db"
    server = None
    if embedded:
        agent = AgentProcess("embedded", db_url)
        url = await agent.expect_rest("url ")
    else:
        seed_database(db_url)
        server = ServerProcess("--org-name", "Acme Support", *server_args, db_url=db_url)
        agent, url = AgentProcess(server.url, db_url), server.url
    side = Side(Outbox(tmp_path / "outbox-customer.sqlite"))
    customer = CustomerClient(url, "Hanako", side.emit, SyntheticGrabber)
    try:
        code = await agent.expect_rest("code ")
        await customer.connect()
        await customer.join(code)
        await side.wait_for(lambda: customer.session_id is not None, timeout=20)
        await customer.allow(1)
        # Frames go out and the agent's heartbeat arrives peer to peer.
        track = customer.track
        await side.wait_for(lambda: bool(side.of(ev.SharingChanged)))
        await until(
            lambda: bool(track and track.frames_sent > 3 and customer.presence.heard_at),
            20,
            "frames out and the agent's heartbeat in",
        )
        yield agent, customer, side
    finally:
        await customer.close()
        agent.kill()
        if server is not None:
            server.kill()
        side.outbox.close()


async def last_grab_after(customer: CustomerClient, since: float, watch: float) -> float:
    """Watch the grab count (counted at the grab call) for ``watch`` seconds after
    ``since``; return how long after ``since`` it last rose."""
    count, last_rise = customer.grab_count, since
    while (now := time.monotonic()) < since + watch:
        if customer.grab_count != count:
            count, last_rise = customer.grab_count, now
        await asyncio.sleep(0.01)  # sampling through the measured time, not waiting for it
    return last_rise - since


def held(side: Side) -> list[ev.AgentPresenceChanged]:
    return [e for e in side.of(ev.AgentPresenceChanged) if not e.present]


async def test_agent_process_killed_pauses_capture_then_the_session_ends_after_grace(
    tmp_path: Path,
) -> None:
    async with sharing_with(tmp_path, False, "--resume-grace", "4") as (agent, customer, side):
        killed = time.monotonic()
        agent.kill()
        assert await last_grab_after(customer, killed, PAUSE_BOUND + 1.0) <= PAUSE_BOUND
        assert [e.sharing for e in held(side)] == [p.ShareState.PAUSED]
        paused = [e for e in side.of(ev.SharingChanged) if e.state is p.ShareState.PAUSED]
        assert [e.reason for e in paused] == [p.ShareReason.AGENT_AWAY]
        # The grace period (4 s here) runs out: the session ends and the customer is told.
        await side.wait_for(lambda: bool(side.of(ev.SessionClosed)), timeout=15)
        assert side.of(ev.SessionClosed)[0].reason is p.EndReason.AGENT_DROPPED
        assert customer.track is None and customer.capture is None


async def test_built_in_server_killed_with_the_console_pauses_capture(tmp_path: Path) -> None:
    """The console's own server goes with it: the customer's connection drops, and the
    agent's heartbeat stops; nothing tells the customer's app the agent is there."""
    async with sharing_with(tmp_path, True) as (agent, customer, side):
        killed = time.monotonic()
        agent.kill()
        assert await last_grab_after(customer, killed, PAUSE_BOUND + 1.0) <= PAUSE_BOUND
        assert customer.reconnecting and customer.held
        assert [e.sharing for e in held(side)] == [p.ShareState.PAUSED]


async def test_a_silent_agent_link_holds_the_share_and_it_resumes_by_itself(
    tmp_path: Path,
) -> None:
    """SIGSTOP: the agent's connection stays open but nothing comes from it (its heartbeat
    stops at once; the server's keepalive would tell later). SIGCONT: the same agent is
    back, and the share resumes without asking the customer again."""
    async with sharing_with(tmp_path, False) as (agent, customer, side):
        frozen = time.monotonic()
        agent.process.send_signal(signal.SIGSTOP)
        try:
            assert await last_grab_after(customer, frozen, PAUSE_BOUND + 1.0) <= PAUSE_BOUND
            assert customer.held and customer.track is not None and customer.track.paused
        finally:
            agent.process.send_signal(signal.SIGCONT)
        await side.wait_for(lambda: any(e.present for e in side.of(ev.AgentPresenceChanged)))
        back = [e for e in side.of(ev.AgentPresenceChanged) if e.present]
        assert back[0].sharing is p.ShareState.SHARING
        grabs = customer.grab_count
        await until(lambda: customer.grab_count > grabs + 3)  # captured again
        changes = [(e.state, e.reason) for e in side.of(ev.SharingChanged)]
        assert changes == [
            (p.ShareState.SHARING, p.ShareReason.CUSTOMER),  # the one consent
            (p.ShareState.PAUSED, p.ShareReason.AGENT_AWAY),
            (p.ShareState.SHARING, p.ShareReason.AGENT_BACK),
        ]


async def test_a_restarted_console_rejoins_and_the_screen_comes_back_without_a_new_consent(
    tmp_path: Path,
) -> None:
    """The agent's app is killed mid-session and started again within the grace period:
    the server offers the session back, the transcript is replayed, and the customer's app
    offers its held share on a new peer connection by itself."""
    async with sharing_with(tmp_path, False) as (agent, customer, side):
        assert customer.session_id is not None
        await customer.send_chat(customer.session_id, "画面が真っ黒です")
        agent.kill()
        await side.wait_for(lambda: customer.held)

        seen: list[ev.Event] = []
        again = AgentClient(customer.signaling.url, Password("taro", PASSWORD), seen.append)
        try:
            await again.connect()
            (left,) = again.left_open
            assert (left.session_id, left.customer_name) == (customer.session_id, "Hanako")
            assert left.share_state is p.ShareState.PAUSED  # held for the agent
            await again.rejoin(left)

            def chat() -> list[str]:
                return [e.entry.text for e in seen if isinstance(e, ev.ChatUpdated)]

            await until(lambda: chat() == ["画面が真っ黒です"])  # the transcript came back
            assert isinstance(seen[0], ev.SessionRejoined)  # the tab first, then its chat

            # The customer's app renews the media path; the share resumes by itself.
            await side.wait_for(lambda: not customer.held, timeout=20)
            await until(lambda: any(isinstance(e, ev.FrameArrived) for e in seen), timeout=20)
            back = [e for e in side.of(ev.SharingChanged) if e.reason is p.ShareReason.AGENT_BACK]
            assert [e.state for e in back] == [p.ShareState.SHARING]
            consents = [e for e in side.of(ev.SharingChanged) if e.reason is p.ShareReason.CUSTOMER]
            assert len(consents) == 1  # asked once, at the start
        finally:
            await again.close()
