"""The agent's pointer and drawings reach the customer over the data channels of real aiortc
peers, only while the customer grants guidance; every grant change is in the audit trail."""

from __future__ import annotations

from assist.core import events as ev
from assist.core import guidance as g
from signaling import protocol as p
from tests.helpers.live import Live
from tests.helpers.sides import Side
from tests.helpers.waits import until

GUIDED = frozenset({p.Capability.VIEW, p.Capability.GUIDE})
ARROW = g.Shape(id="a1", tool=g.Tool.ARROW, color=g.Color.RED, points=((0.1, 0.1), (0.4, 0.5)))


def shown(side: Side) -> list[g.Guidance]:
    return [e.message for e in side.of(ev.GuidanceArrived)]


def grants(side: Side) -> list[frozenset[p.Capability]]:
    return [e.granted for e in side.of(ev.PermissionsChanged)]


def refused(live: Live) -> int:
    """Guidance the customer's machine dropped for want of a grant."""
    return live.customer.gate.refused[g.GuidanceErrorCode.NOT_PERMITTED]


async def channels_open(live: Live) -> None:
    """Both guidance channels open on the agent's side (the customer offered them)."""
    session = live.agent.sessions[live.session_id]
    await until(
        lambda: (
            session.rtc is not None
            and len(session.rtc.channels) == 2
            and all(c.readyState == "open" for c in session.rtc.channels.values())
        )
    )


async def test_pointer_and_drawing_reach_the_customer_only_while_granted(live: Live) -> None:
    agent, customer, sid = live.agent_side, live.customer_side, live.session_id
    await channels_open(live)
    # Admitted but not sharing: nothing granted, the agent's pointer is dropped (counted)
    # on the customer's machine even when sent straight down the channel.
    rtc = live.agent.sessions[sid].rtc
    assert rtc is not None and rtc.send_guidance(g.Pointer(seq=1, x=0.5, y=0.5))
    await until(lambda: refused(live) > 0)
    assert shown(customer) == []

    await live.customer.allow(1)
    await agent.wait_for(lambda: grants(agent) == [GUIDED])
    assert grants(customer) == [GUIDED]
    live.agent.guide(sid, g.Pointer(seq=2, x=0.25, y=0.75))
    live.agent.guide(sid, ARROW)
    await customer.wait_for(lambda: len(shown(customer)) == 2)
    assert shown(customer) == [g.Pointer(seq=2, x=0.25, y=0.75), ARROW]

    # The customer turns guidance off: the agent is told, and what it sends is not shown.
    await live.customer.allow_guidance(False)
    await agent.wait_for(lambda: len(grants(agent)) == 2)
    assert grants(agent)[-1] == frozenset({p.Capability.VIEW})
    rtc.send_guidance(g.Pointer(seq=3, x=0.5, y=0.5))  # bypassing the agent's own check
    await until(lambda: refused(live) > 1)
    assert len(shown(customer)) == 2

    # Pause takes everything back; resume grants the view again (guidance stays off).
    await live.customer.pause()
    await agent.wait_for(lambda: grants(agent)[-1] == frozenset())
    await live.customer.resume()
    await agent.wait_for(lambda: grants(agent)[-1] == frozenset({p.Capability.VIEW}))


async def test_the_customer_clears_the_drawings_on_both_sides(live: Live) -> None:
    await live.customer.allow(1)
    await channels_open(live)
    await live.agent_side.wait_for(lambda: bool(grants(live.agent_side)))
    live.agent.guide(live.session_id, ARROW)
    await live.customer_side.wait_for(lambda: shown(live.customer_side) == [ARROW])
    await live.customer.clear_drawings()
    assert shown(live.customer_side)[-1] == g.Erase()  # gone from the customer's screen
    await live.agent_side.wait_for(lambda: shown(live.agent_side) == [g.Erase()])


async def test_grant_changes_are_in_the_audit_trail(live: Live) -> None:
    await live.customer.allow(1)
    await live.agent_side.wait_for(lambda: bool(grants(live.agent_side)))
    await live.customer.allow_guidance(False)
    await live.agent_side.wait_for(lambda: len(grants(live.agent_side)) == 2)
    await live.customer.stop_sharing()
    await live.agent_side.wait_for(lambda: len(grants(live.agent_side)) == 3)
    # The server writes its audit events on its database thread: read until all are in.
    await until(lambda: len(permission_trail(live)) == 3)
    assert permission_trail(live) == ["guide,view", "view", ""]


def permission_trail(live: Live) -> list[str]:
    return [detail["granted"] for detail in live.audit("permissions")]
