"""Switching what is shared keeps the session's connection: the agent asks, the customer
chooses again, the picture goes on on the same peer connection with a new track, the old
capture is closed, and each switch is in the audit trail."""

from __future__ import annotations

from assist.core import events as ev
from assist.core import guidance as g
from tests.helpers.live import Live
from tests.helpers.waits import until
from tests.integration.test_guidance import channels_open, grants


def sharing_trail(live: Live) -> list[tuple[str, str]]:
    return [(detail["state"], detail["target"]) for detail in live.audit("sharing")]


async def test_a_switch_keeps_the_connection_and_is_audited(live: Live) -> None:
    agent, customer = live.agent_side, live.customer_side
    await live.customer.allow(1)
    await channels_open(live)
    await agent.wait_for(lambda: bool(grants(agent)))
    live.agent.guide(live.session_id, g.ShareRequest())  # "share something else, please"
    await customer.wait_for(lambda: bool(customer.of(ev.ShareRequested)))

    rtc, first = live.customer.rtc, live.customer.capture
    await agent.wait_for(lambda: len(agent.of(ev.FrameArrived)) >= 3)
    await live.customer.allow(1)  # the customer's new choice
    assert live.customer.rtc is rtc  # no new negotiation
    assert live.customer.capture is not first and first is not None
    with_new = len(agent.of(ev.FrameArrived))
    await agent.wait_for(lambda: len(agent.of(ev.FrameArrived)) >= with_new + 3)
    assert not agent.of(ev.StreamEnded)  # the agent's picture never stopped
    await until(lambda: len(sharing_trail(live)) == 2)
    assert sharing_trail(live) == [("sharing", "screen"), ("sharing", "screen")]
