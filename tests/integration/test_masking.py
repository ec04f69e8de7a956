"""What the customer hides is black in every frame the encoder receives and in every frame
the agent decodes (real aiortc peers, real server), and the agent is told where it is."""

from __future__ import annotations

from typing import Any

import av
import numpy as np
import pytest

from assist.core import events as ev
from assist.core import guidance as g
from assist.core.capture import ScreenTrack
from tests.helpers.live import Live
from tests.helpers.waits import until

WIDTH, HEIGHT = 640, 360  # the synthetic screen; its top-left quadrant is red
HIDDEN = (0, 0, WIDTH // 2, HEIGHT // 2)


def quadrant_levels(pixels: np.ndarray[Any, Any], width: int, height: int) -> list[float]:
    """Mean brightness of the four quadrants (inset, away from the edges' blur)."""
    levels = []
    for row in range(2):
        for col in range(2):
            y0, x0 = row * height // 2, col * width // 2
            block = pixels[y0 + 8 : y0 + height // 2 - 8, x0 + 8 : x0 + width // 2 - 8]
            levels.append(float(block.mean()))
    return levels


async def test_a_hidden_area_is_black_from_capture_to_the_agents_view(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoded: list[list[float]] = []
    recv = ScreenTrack.recv

    async def recorded(track: ScreenTrack) -> av.VideoFrame:
        frame = await recv(track)
        encoded.append(quadrant_levels(frame.to_ndarray(format="gray"), WIDTH, HEIGHT))
        return frame

    monkeypatch.setattr(ScreenTrack, "recv", recorded)
    live.customer.hide_areas([HIDDEN])
    await live.customer.allow(1)
    agent = live.agent_side
    await agent.wait_for(lambda: len(agent.of(ev.FrameArrived)) >= 10)
    await until(lambda: any(isinstance(e.message, g.Hidden) for e in agent.of(ev.GuidanceArrived)))

    assert len(encoded) >= 10
    assert all(levels[0] < 20 and min(levels[1:]) > 40 for levels in encoded), encoded[:3]
    for event in agent.of(ev.FrameArrived):
        frame = event.frame
        pixels = frame.pixels[:, : frame.width, :3].mean(axis=2)
        levels = quadrant_levels(pixels, frame.width, frame.height)
        assert levels[0] < 20 and min(levels[1:]) > 40, levels
    (hidden,) = [e.message for e in agent.of(ev.GuidanceArrived)]
    assert hidden == g.Hidden(rects=((0.0, 0.0, 0.5, 0.5),))


async def test_what_the_customer_chooses_to_hide_is_audited(live: Live) -> None:
    agent = live.agent_side

    def told() -> list[g.Guidance]:
        return [e.message for e in agent.of(ev.GuidanceArrived)]

    await live.customer.allow(1)
    await live.customer.choose_hidden(frozenset(), [HIDDEN])
    await until(lambda: told()[-1:] == [g.Hidden(rects=((0.0, 0.0, 0.5, 0.5),))])
    await live.customer.choose_hidden(frozenset(), [])  # Show everything again
    await until(lambda: told()[-1:] == [g.Hidden(rects=())])
    await until(lambda: hidden_counts(live)[-1:] == ["0"])
    assert hidden_counts(live) == ["0", "1", "0"]


def hidden_counts(live: Live) -> list[str]:
    return [detail.get("hidden", "") for detail in live.audit("sharing")]
