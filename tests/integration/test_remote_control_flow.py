"""Control over real aiortc peers and a real server: the agent asks, the customer allows,
the agent's input reaches the customer's injector; nothing before the grant or after Stop
control, and every change is in the audit trail."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from assist.core import events as ev
from assist.core import guidance as g
from signaling import protocol as p
from tests.helpers.live import Live, live_session
from tests.helpers.recording_injector import RecordingInjector
from tests.helpers.waits import until
from tests.integration.test_guidance import channels_open, grants, permission_trail

CONTROLLED = frozenset({p.Capability.VIEW, p.Capability.GUIDE, p.Capability.CONTROL})


@pytest.fixture
async def controlled(tmp_path: Path) -> AsyncIterator[tuple[Live, RecordingInjector]]:
    injector = RecordingInjector()
    async with live_session(tmp_path, lambda: injector) as state:
        yield state, injector


async def test_the_agent_controls_only_between_allow_and_stop(
    controlled: tuple[Live, RecordingInjector],
) -> None:
    live, injector = controlled
    agent, customer, sid = live.agent_side, live.customer_side, live.session_id
    await live.customer.allow(1)
    await channels_open(live)
    await agent.wait_for(lambda: bool(grants(agent)))
    click = g.MouseButton(x=0.5, y=0.5, button=g.Button.LEFT, down=True)
    rtc = live.agent.sessions[sid].rtc
    assert rtc is not None
    rtc.send_guidance(click)  # not granted yet: dropped on the customer's machine
    live.agent.guide(sid, g.ControlRequest())
    await customer.wait_for(lambda: bool(customer.of(ev.ControlRequested)))
    assert injector.done == []

    await live.customer.allow_control(True)
    await agent.wait_for(lambda: grants(agent)[-1] == CONTROLLED)
    live.agent.guide(sid, g.MouseMove(x=0.25, y=0.5))
    live.agent.guide(sid, click)
    live.agent.guide(sid, g.TypeText(text="こんにちは"))
    await until(lambda: ("type", "こんにちは") in injector.done)
    width, height = 640, 360  # the synthetic screen
    assert injector.done[:3] == [
        ("move", round(0.25 * (width - 1)), round(0.5 * (height - 1))),
        ("move", round(0.5 * (width - 1)), round(0.5 * (height - 1))),
        ("button", "left", True),
    ]

    await live.customer.allow_control(False)  # Stop control
    await until(lambda: injector.closed)
    assert ("button", "left", False) in injector.done  # the held button was let go
    count = len(injector.done)
    rtc.send_guidance(g.TypeText(text="after stop"))
    await until(lambda: live.customer.gate.refused[g.GuidanceErrorCode.NOT_PERMITTED] > 1)
    assert len(injector.done) == count
    await until(lambda: len(permission_trail(live)) == 3)
    assert permission_trail(live) == ["guide,view", "control,guide,view", "guide,view"]


async def test_pausing_ends_control(controlled: tuple[Live, RecordingInjector]) -> None:
    live, injector = controlled
    await live.customer.allow(1)
    await live.customer.allow_control(True)
    await live.agent_side.wait_for(lambda: grants(live.agent_side)[-1:] == [CONTROLLED])
    await live.customer.pause()
    await until(lambda: injector.closed)
    await live.customer.resume()
    await live.agent_side.wait_for(
        lambda: grants(live.agent_side)[-1] == frozenset({p.Capability.VIEW, p.Capability.GUIDE})
    )
    assert live.customer.control is None  # resuming does not bring control back
