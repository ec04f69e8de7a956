"""Capture follows what the X server says changed: a still screen is not grabbed at all
after the encoder got its refinement frames, and a change reaches the track at once. A real
Xvfb display, a real window in another process, the real grabber and track."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Iterator

import av
import numpy as np
import pytest

from assist.core import capture
from assist.core.capture import CaptureThread, MssGrabber, ScreenTrack
from tests.helpers.child_process import ChildProcess
from tests.helpers.patterns import MATCH_TOLERANCE, mean_error
from tests.helpers.waits import scaled
from tests.helpers.xvfb import Display, xvfb

pytestmark = pytest.mark.e2e


@pytest.fixture
def display(monkeypatch: pytest.MonkeyPatch) -> Iterator[Display]:
    with xvfb(640, 480) as screen:
        monkeypatch.setenv("DISPLAY", screen.name)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield screen


def bgrx(frame: av.VideoFrame) -> np.ndarray:
    return np.ascontiguousarray(frame.to_ndarray(format="bgra"))


async def test_a_still_screen_is_not_grabbed_and_a_change_arrives_at_once(
    display: Display,
) -> None:
    window = ChildProcess(
        [sys.executable, "-m", "tests.helpers.pattern_window"], env=display.env(), stdin=True
    )
    thread = CaptureThread(MssGrabber)
    track = ScreenTrack(thread, thread.screens()[0])
    try:
        assert await window.next_line_async() == "shown A"  # mapped and painted
        first = await asyncio.wait_for(track.recv(), scaled(5))
        async with asyncio.timeout(scaled(5)):
            while mean_error(bgrx(first), "A") > MATCH_TOLERANCE:
                first = await track.recv()

        # Still: the refinement frames go out, then nothing is grabbed, only heartbeats.
        refined_until = time.monotonic() + capture.REFINE_SECONDS + 0.2
        while time.monotonic() < refined_until:
            await asyncio.wait_for(track.recv(), scaled(5))
        grabs, sent = thread.grab_count, track.frames_sent
        heartbeat = await asyncio.wait_for(track.recv(), capture.HEARTBEAT_SECONDS + scaled(2))
        assert mean_error(bgrx(heartbeat), "A") < MATCH_TOLERANCE
        assert thread.grab_count == grabs  # two seconds of stillness: not one grab
        assert track.frames_sent == sent + 1

        # A change: the next frame shows it, long before any heartbeat would.
        window.send("B")
        assert await window.next_line_async() == "shown B"
        changed_at = time.monotonic()
        changed = await asyncio.wait_for(track.recv(), scaled(5))
        async with asyncio.timeout(scaled(1)):
            while mean_error(bgrx(changed), "B") > MATCH_TOLERANCE:
                changed = await track.recv()
        assert time.monotonic() - changed_at < scaled(0.5)
        assert thread.grab_count > grabs
    finally:
        track.stop()
        thread.close()
        window.terminate()
