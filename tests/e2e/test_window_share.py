"""Sharing one window on a real X display: it is offered by its title, the frames show only
it (at its size), what another window covers of it is black, the capture follows it when it
moves, and closing it ends the share with a named reason."""

from __future__ import annotations

import queue
from contextlib import nullcontext

import av
import numpy as np
import pytest

from assist.core.capture import CaptureThread, MssGrabber
from assist.core.errors import AssistError, ClientErrorCode
from tests.helpers.line_process import LineProcess
from tests.helpers.waits import scaled
from tests.helpers.window_manager import window_manager
from tests.helpers.xvfb import xvfb

pytestmark = pytest.mark.e2e

GREEN, RED = (0x20, 0xE0, 0x40), (0xE0, 0x30, 0x30)


def rgb(frame: av.VideoFrame) -> np.ndarray:
    return frame.to_ndarray(format="rgb24")


def near(pixel: np.ndarray, color: tuple[int, int, int], tolerance: int = 20) -> bool:
    return bool(np.all(np.abs(pixel.astype(int) - np.array(color)) <= tolerance))


@pytest.mark.parametrize("managed", [False, True], ids=["bare", "window-manager"])
def test_a_shared_window_is_followed_masked_where_covered_and_ends_when_closed(
    managed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bare, and under a real window manager (which frames, places and stacks windows)."""
    with xvfb(1280, 720) as display, window_manager(display) if managed else nullcontext():
        monkeypatch.setenv("DISPLAY", display.name)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        background = LineProcess(display, "tests.helpers.click_target")
        background.until("ready")
        shared = LineProcess(
            display, "tests.helpers.small_window", "200", "150", "320", "200", "#20e040", "Invoice"
        )
        window_id = int(shared.until_prefix("window").split()[1])
        capture = CaptureThread(MssGrabber)
        frames: queue.Queue[av.VideoFrame] = queue.Queue()
        failures: queue.Queue[AssistError] = queue.Queue()
        cover = None
        try:
            offered = capture.windows()
            (window,) = [w for w in offered if w.id == window_id]
            assert "Openbox" not in [w.title for w in offered]  # the manager's own: not offered
            assert window.title == "Invoice"
            told: list[list[tuple[int, int, int, int]]] = []
            capture.masks.on_change = told.append  # what the agent is told is hidden
            capture.watch(window, frames.put, failures.put)
            first = rgb(frames.get(timeout=scaled(10)))
            assert first.shape[:2] == (200, 320)  # the window alone, at its size
            assert near(first[100, 160], GREEN)

            # Another window comes on top of its right half: black there, not red.
            cover = LineProcess(
                display, "tests.helpers.small_window", "360", "100", "300", "300", "#e03030", "Chat"
            )
            cover.until_prefix("window")
            covered = latest(frames, lambda f: near(rgb(f)[100, 250], (0, 0, 0)))
            assert near(rgb(covered)[100, 60], GREEN)
            assert told == []  # covered is not "hidden by the customer": no mark for it

            shared.send("move 700 400")  # moved: followed (and no longer covered)
            shared.until("moved")
            moved = latest(frames, lambda f: near(rgb(f)[100, 250], GREEN))
            assert rgb(moved).shape[:2] == (200, 320)
            assert capture.area is not None
            # A window manager puts its frame there, and the window inside the frame.
            assert 700 <= capture.area.left <= 710 and 400 <= capture.area.top <= 430

            shared.close()  # the application closed the window
            failure = failures.get(timeout=scaled(10))
            assert failure.code is ClientErrorCode.WINDOW_CLOSED
        finally:
            capture.close()
            shared.close()
            if cover is not None:
                cover.close()
            background.close()


def latest(frames: queue.Queue[av.VideoFrame], wanted: object) -> av.VideoFrame:
    """The first frame (waiting for more) that shows what is ``wanted``."""
    while True:
        frame = frames.get(timeout=scaled(10))
        if wanted(frame):  # type: ignore[operator]
            return frame
