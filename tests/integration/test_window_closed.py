"""When the shared window is closed, sharing stops by itself and the agent is told why (real
peers and server; the window is a synthetic one that the test closes)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from assist.core import events as ev
from assist.core.capture import Screen
from assist.core.synthetic import SyntheticGrabber
from assist.core.x11_windows import Window
from signaling import protocol as p
from tests.helpers.live import Live, live_session
from tests.helpers.recording_injector import RecordingInjector

INVOICE = Window(7, "Invoice")


class OneWindow(SyntheticGrabber):
    """The synthetic screen with one window on it, until the test closes it."""

    closed = False

    def windows(self) -> list[Window]:
        return [] if OneWindow.closed else [INVOICE]

    def window_area(self, window: Window) -> Screen | None:
        return None if OneWindow.closed else Screen(0, 0, 0, 320, 180)


@pytest.fixture
async def live_window(tmp_path: Path) -> AsyncIterator[Live]:
    OneWindow.closed = False
    async with live_session(tmp_path, RecordingInjector, grabber=OneWindow) as state:
        yield state


async def test_closing_the_shared_window_ends_the_share_with_its_reason(
    live_window: Live,
) -> None:
    live, agent = live_window, live_window.agent_side
    await live.customer.allow(1, INVOICE.id)
    await agent.wait_for(lambda: len(agent.of(ev.FrameArrived)) >= 2)
    assert agent.of(ev.FrameArrived)[-1].frame.source_width == 320  # the window alone
    OneWindow.closed = True
    await agent.wait_for(
        lambda: any(e.state is p.ShareState.STOPPED for e in agent.of(ev.ShareChanged))
    )
    stopped = [e for e in agent.of(ev.ShareChanged) if e.state is p.ShareState.STOPPED]
    assert stopped[-1].reason is p.ShareReason.WINDOW_CLOSED
    assert live.customer.capture is None and live.customer.track is None
