"""The peer connection is set up at admission, so the screen appears fast once the customer
allows it; nothing is captured or sent before Allow, and Allow needs no new negotiation."""

from __future__ import annotations

import asyncio
from pathlib import Path

from assist.core import events as ev
from tests.helpers.live import live_session
from tests.helpers.waits import until


async def test_admission_connects_and_allow_only_adds_the_screen(tmp_path: Path) -> None:
    async with live_session(tmp_path) as live:
        customer, agent = live.customer, live.agent
        await until(
            lambda: customer.rtc is not None and customer.rtc.pc.connectionState == "connected",
            10,
            "the peer connection up at admission",
        )
        await asyncio.sleep(0.5)  # watched, not waited for: nothing is sent meanwhile
        stats = await customer.stats()
        assert stats is not None and stats.packets_sent == 0
        assert customer.grab_count == 0 and customer.capture is None
        connection = agent.sessions[live.session_id].rtc
        assert connection is not None

        await customer.allow(1)
        await live.agent_side.wait_for(lambda: bool(live.agent_side.of(ev.FrameArrived)))
        assert agent.sessions[live.session_id].rtc is connection  # no second offer
        assert customer.grab_count > 0
