"""A window the customer hides (here another process's window, as the customer client's own
are by default) is black in the frames sent, and the mask follows it when it moves."""

from __future__ import annotations

import pytest

from assist.core.capture import MssGrabber, ScreenPicture
from assist.core.capture_areas import Masks
from tests.helpers.click_target import COLOR as BACKGROUND
from tests.helpers.line_process import LineProcess
from tests.helpers.small_window import COLOR
from tests.helpers.xvfb import xvfb

pytestmark = pytest.mark.e2e


def near(pixel: object, rgb: tuple[int, int, int], tolerance: int = 16) -> bool:
    return all(abs(int(a) - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))  # type: ignore[call-overload]


def test_a_hidden_window_is_black_and_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    with xvfb(1280, 720) as display:
        monkeypatch.setenv("DISPLAY", display.name)
        monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        background = LineProcess(display, "tests.helpers.click_target")
        background.until("ready")
        private = LineProcess(display, "tests.helpers.small_window")
        grabber = MssGrabber()
        try:
            window = int(private.until_prefix("window").split()[1])
            masks = Masks()
            masks.set_windows(frozenset({window}))
            picture = ScreenPicture(grabber, grabber.screens()[0], masks=masks)
            frame = picture.frame().to_ndarray(format="rgb24")
            assert near(frame[250, 360], (0, 0, 0))  # the window: black, not green
            assert near(frame[600, 1000], BACKGROUND)
            assert picture.masked == [(200, 150, 320, 200)]

            private.send("move 700 400")
            private.until("moved")
            assert picture.masks_moved()
            picture.update([(200, 150, 320, 200), (700, 400, 320, 200)])  # the screen's damage
            frame = picture.frame().to_ndarray(format="rgb24")
            assert near(frame[250, 360], BACKGROUND)  # where it was: the screen again
            assert near(frame[500, 860], (0, 0, 0))  # where it is now: black
            assert not near(frame[500, 860], COLOR)
        finally:
            grabber.close()
            private.close()
            background.close()
